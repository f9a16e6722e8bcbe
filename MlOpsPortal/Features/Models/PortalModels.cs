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
}
