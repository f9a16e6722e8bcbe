using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Models;

public static class PortalModels
{
    public static WebApplicationBuilder AddPortalModels(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ModelsService>();
        builder.Services.AddSingleton<Datasets>();
        builder.Services.AddSingleton<ModelCards>();
        builder.Services.AddSingleton<Lineage>();
        builder.Services.AddSingleton<ModelFollowers>();
        builder.Services.AddSingleton<RegistryRules>();
        builder.Services.AddSingleton<RegistryKeys>();
        builder.Services.AddDemoSeeder<RegistryDemoData>();
        return builder;
    }

    /// <summary>After routing: a page's GET looks each model key up once (see <see cref="RegistryKeyMemo"/>).</summary>
    public static WebApplication UseRegistryKeyMemo(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        RegistryKeyMemo.UseFor(app);
        return app;
    }
}
