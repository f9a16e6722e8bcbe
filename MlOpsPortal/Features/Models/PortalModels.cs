using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Models;

public static class PortalModels
{
    public static WebApplicationBuilder AddPortalModels(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ModelsService>();
        builder.Services.AddSingleton<RegistryKeys>();
        builder.Services.AddDemoSeeder<RegistryDemoData>();
        return builder;
    }
}
