using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Hangfire;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Infrastructure.Jobs;

namespace MlOpsPortal.Infrastructure.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>
    /// Registers the audit services, the start-up trigger check and the readiness check. The portal context
    /// must add the interceptor itself, with
    /// <c>options.AddInterceptors(sp.GetRequiredService&lt;AuditChainInterceptor&gt;())</c>; it is a singleton
    /// because its lock has to cover every context of the process. <c>Audit:ChainKey</c> is required: the
    /// portal refuses to start without it.
    /// </summary>
    public static IServiceCollection AddPortalAudit(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<AuditOptions>()
            .BindConfiguration(AuditOptions.SectionName)
            .Validate(ValidKey, "Audit:ChainKey must be base64 of at least 32 random bytes (e.g. `openssl rand -base64 32`), kept outside the database.")
            .ValidateOnStart();
        services.AddSingleton(sp => AuditChainKey.FromBase64(sp.GetRequiredService<IOptions<AuditOptions>>().Value.ChainKey));
        services.AddSingleton(sp => new AuditAnchor(ResolveAnchorPath(
            sp.GetRequiredService<IOptions<AuditOptions>>().Value.AnchorPath,
            sp.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory)));
        services.AddSingleton<AuditChainInterceptor>();
        services.AddSingleton<AuditLog>();
        services.AddTransient<AuditTriggerGuard>();
        services.AddTransient<VerifyAuditChainJob>();
        services.AddRecurringJobs<AuditJobs>();
        services.AddHostedService<AuditStartupCheck>();
        services.AddHealthChecks()
            .AddCheck<AuditIntegrityHealthCheck>("audit", tags: [DatabaseReadyHealthCheck.ReadyTag]);
        return services;
    }

    internal static string ResolveAnchorPath(string? configured, string contentRoot)
    {
        var path = string.IsNullOrWhiteSpace(configured) ? AuditOptions.DefaultAnchorPath : configured;
        return Path.IsPathRooted(path) ? path : Path.Combine(contentRoot, path);
    }

    private static bool ValidKey(AuditOptions options)
    {
        try
        {
            _ = AuditChainKey.FromBase64(options.ChainKey);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private sealed class AuditJobs : IRecurringJobs
    {
        public void Register(IRecurringJobManager jobs) =>
            jobs.AddOrUpdate<VerifyAuditChainJob>(VerifyAuditChainJob.RecurringId, job => job.RunAsync(CancellationToken.None), "*/5 * * * *");
    }
}
