using Microsoft.Extensions.Diagnostics.HealthChecks;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Infrastructure.Hosting;

public static class PortalHosting
{
    /// <summary>Background services report to readiness and never stop the host.</summary>
    public static WebApplicationBuilder AddPortalHosting(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<BackgroundServiceHealth>();
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            BackgroundServiceHealth.CheckName, services => services.GetRequiredService<BackgroundServiceHealth>(),
            HealthStatus.Degraded, [DatabaseReadyHealthCheck.ReadyTag]));
        // The portal's own services are supervised (they retry); for any other a failure is logged and the portal
        // keeps answering, rather than one background loop taking every request down with it (the default, StopHost).
        builder.Services.Configure<HostOptions>(options => options.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.Ignore);
        return builder;
    }
}
