using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MlOpsPortal.Infrastructure.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>
    /// Registers the audit services. The portal context must add the interceptor itself, with
    /// <c>options.AddInterceptors(sp.GetRequiredService&lt;AuditChainInterceptor&gt;())</c>; it is a singleton
    /// because its lock has to cover every context of the process.
    /// </summary>
    public static IServiceCollection AddPortalAudit(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AuditChainInterceptor>();
        services.AddSingleton<AuditLog>();
        services.AddTransient<VerifyAuditChainJob>();
        return services;
    }
}
