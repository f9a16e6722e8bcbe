using Hangfire;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Infrastructure.Jobs;

namespace MlOpsPortal.Features.Health;

public static class PortalHealth
{
    public static WebApplicationBuilder AddPortalHealth(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<HealthScore>();
        builder.Services.AddSingleton<HealthSnapshots>();
        builder.Services.AddSingleton(new ModelHealthComponent(typeof(ModelHealthView)));
        builder.Services.AddTransient<WatchShadowDeploymentsJob>();
        builder.Services.AddRecurringJobs<HealthJobs>();
        builder.Services.AddSingleton<IAuditVocabulary, HealthAuditVocabulary>();
        return builder;
    }

    private sealed class HealthJobs : IRecurringJobs
    {
        public void Register(IRecurringJobManager jobs) =>
            jobs.AddOrUpdate<WatchShadowDeploymentsJob>(WatchShadowDeploymentsJob.RecurringId, job => job.RunAsync(CancellationToken.None), WatchShadowDeploymentsJob.Cron);
    }
}
