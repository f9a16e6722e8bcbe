using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MlOpsPortal.Infrastructure.Configuration;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Infrastructure.Security;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Infrastructure.Configuration;

public sealed class ValidatedOptionsTests
{
    /// <summary>
    /// Settings read while services are registered (the database's) and settings only <c>ValidateOnStart</c> checks
    /// (the rest) alike: start-up stops with the setting named, and the SQLite file was never created, let alone migrated.
    /// </summary>
    [Theory]
    [InlineData("Database:BusyTimeoutSeconds", "0", "BusyTimeoutSeconds")]
    [InlineData("Monitoring:Ingestion:RequestsPerMinutePerClient", "0", "RequestsPerMinutePerClient")]
    [InlineData("Monitoring:Retention:RawDays", "-1", "RawDays")]
    [InlineData("Quality:Retention:KeepPassingReportsDays", "0", "KeepPassingReportsDays")]
    [InlineData("ApiKeys:DefaultLifetimeDays", "0", "DefaultLifetimeDays")]
    [InlineData("Security:KnownProxies", "proxy.corp.example", "Security:KnownProxies")]
    [InlineData("AzureAd:ClientId", "22222222-2222-2222-2222-222222222222", "AzureAd:TenantId")]
    public void An_invalid_setting_stops_start_up_before_the_database_is_touched(string key, string value, string named)
    {
        using var app = new PortalAppFactory { Settings = { [key] = value } };

        var error = Assert.ThrowsAny<Exception>(() => app.Services);

        Assert.Contains(named, Flatten(error), StringComparison.Ordinal);
        Assert.False(File.Exists(app.DatabasePath), $"{app.DatabasePath} was created although {key}={value} is invalid.");
    }

    [Fact]
    public void The_registration_time_helper_refuses_what_ValidateOnStart_refuses_with_the_same_message()
    {
        var builder = Builder(new() { ["Database:BusyTimeoutSeconds"] = "0" });
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        var early = Assert.Throws<OptionsValidationException>(() => builder.GetValidatedOptions<DatabaseOptions>());
        using var services = builder.Services.BuildServiceProvider();
        var onStart = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(typeof(DatabaseOptions), early.OptionsType);
        Assert.Equal(onStart.Message, early.Message);
        Assert.Contains("BusyTimeoutSeconds", early.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_registration_time_helper_binds_the_section_named_by_the_options_class()
    {
        var builder = Builder(new() { ["Database:BusyTimeoutSeconds"] = "7", ["Database:Provider"] = "SqlServer" });

        var options = builder.GetValidatedOptions<DatabaseOptions>();

        Assert.Equal(7, options.BusyTimeoutSeconds);
        Assert.Equal(DatabaseProvider.SqlServer, options.Provider);
        Assert.True(options.MigrateOnStartup);
    }

    [Theory]
    [InlineData("10.0.0.1, 10.0.0.2")]
    [InlineData(null)]
    public void Security_lists_take_a_JSON_array_or_one_comma_separated_string(string? commaSeparated)
    {
        var settings = commaSeparated is null
            ? new Dictionary<string, string?> { ["Security:KnownProxies:0"] = "10.0.0.1", ["Security:KnownProxies:1"] = " 10.0.0.2 " }
            : new Dictionary<string, string?> { ["Security:KnownProxies"] = commaSeparated };
        var builder = Builder(settings);
        builder.AddPortalSecurity();
        using var services = builder.Services.BuildServiceProvider();

        Assert.Equal(["10.0.0.1", "10.0.0.2"], services.GetRequiredService<IOptions<SecurityOptions>>().Value.KnownProxies);
    }

    [Fact]
    public void The_README_settings_table_documents_every_options_property()
    {
        var optionsTypes = typeof(Program).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Options", StringComparison.Ordinal)
                && t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true })
            .ToList();
        Assert.Contains(typeof(DatabaseOptions), optionsTypes);
        var settings = optionsTypes
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(Bound)
                .Select(p => $"{ValidatedOptions.SectionName(t)}:{p.Name}"))
            .ToList();

        var documented = ReadmeSettings();

        Assert.Empty(settings.Except(documented, StringComparer.Ordinal));
    }

    /// <summary>What the configuration binder fills: settable properties, and collections it adds to.</summary>
    private static bool Bound(PropertyInfo property) =>
        property.GetIndexParameters().Length == 0
        && (property.SetMethod is { IsPublic: true }
            || (property.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(property.PropertyType)));

    /// <summary>Every back-quoted key in the first column of the README's settings table.</summary>
    private static HashSet<string> ReadmeSettings()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "README.md"));
        var header = Array.FindIndex(lines, l => l.StartsWith("| setting | default | what it does |", StringComparison.Ordinal));
        Assert.True(header >= 0, "The README has no settings table.");
        return [.. lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|'))
            .SelectMany(l => Regex.Matches(l.Split('|')[1], "`([^`]+)`").Select(m => m.Groups[1].Value))];
    }

    private static WebApplicationBuilder Builder(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }

    private static string Flatten(Exception error) => error switch
    {
        AggregateException aggregate => string.Join(" | ", aggregate.InnerExceptions.Select(Flatten).Prepend(aggregate.Message)),
        { InnerException: { } inner } => $"{error.Message} | {Flatten(inner)}",
        _ => error.Message,
    };
}
