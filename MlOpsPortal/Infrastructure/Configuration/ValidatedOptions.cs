using System.Reflection;
using Microsoft.Extensions.Options;

namespace MlOpsPortal.Infrastructure.Configuration;

/// <summary>
/// Settings are read only as validated <c>&lt;X&gt;Options</c>: services inject <see cref="IOptions{TOptions}"/>;
/// the few values registration itself depends on (a provider, whether a service exists, a rate limit) come from
/// <see cref="GetValidatedOptions{T}"/>, which binds and validates like <c>BindConfiguration</c> and
/// <c>ValidateDataAnnotations</c> do. <see cref="ValidatePortalOptions"/> runs every <c>ValidateOnStart</c>
/// validation before the database is touched.
/// </summary>
public static class ValidatedOptions
{
    /// <summary>The options class's <c>SectionName</c> constant.</summary>
    public static string SectionName(Type optionsType)
    {
        ArgumentNullException.ThrowIfNull(optionsType);
        return optionsType.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field
            && field.GetRawConstantValue() is string name
            ? name
            : throw new InvalidOperationException($"{optionsType.Name} has no public const string SectionName.");
    }

    /// <summary>
    /// The section <c>T.SectionName</c>, bound and validated by the data-annotation validator that
    /// <c>ValidateDataAnnotations</c> registers; invalid settings throw its <see cref="OptionsValidationException"/>.
    /// For registration-time decisions only; everything else injects <see cref="IOptions{TOptions}"/>.
    /// </summary>
    public static T GetValidatedOptions<T>(this WebApplicationBuilder builder)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new T();
        builder.Configuration.GetSection(SectionName(typeof(T))).Bind(options);
        var result = new DataAnnotationValidateOptions<T>(Microsoft.Extensions.Options.Options.DefaultName).Validate(Microsoft.Extensions.Options.Options.DefaultName, options);
        return result.Failed ? throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(T), result.Failures) : options;
    }

    /// <summary>
    /// Runs the validations registered with <c>ValidateOnStart</c> now, as the host would at start: called right after
    /// <c>Build()</c>, so invalid settings stop the portal before it migrates or seeds the database.
    /// </summary>
    public static WebApplication ValidatePortalOptions(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Services.GetService<IStartupValidator>()?.Validate();
        return app;
    }
}
