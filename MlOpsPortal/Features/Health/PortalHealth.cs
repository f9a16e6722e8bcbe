using MlOpsPortal.Features.Monitoring;

namespace MlOpsPortal.Features.Health;

public static class PortalHealth
{
    public static WebApplicationBuilder AddPortalHealth(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<HealthScore>();
        builder.Services.AddSingleton(new ModelHealthComponent(typeof(ModelHealthView)));
        return builder;
    }
}
