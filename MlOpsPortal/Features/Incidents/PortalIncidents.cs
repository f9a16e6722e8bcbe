using Hangfire;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Infrastructure.Jobs;

namespace MlOpsPortal.Features.Incidents;

public static class PortalIncidents
{
    public static WebApplicationBuilder AddPortalIncidents(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IncidentStore>();
        builder.Services.AddSingleton<IncidentPolicies>();
        builder.Services.AddSingleton<IncidentsService>();
        builder.Services.AddSingleton<IncidentWork>();
        builder.Services.AddSingleton<IncidentReviews>();
        builder.Services.AddSingleton<IncidentSignals>();
        builder.Services.AddSingleton<IncidentMeasures>();
        builder.Services.AddSingleton<AlertmanagerWebhook>();
        builder.Services.AddHostedService<SignalProcessor>();
        builder.Services.AddTransient<IncidentSlaJob>();
        builder.Services.AddRecurringJobs<IncidentsJobs>();
        builder.Services.AddDemoSeeder<IncidentsDemoData>();
        return builder;
    }

    private sealed class IncidentsJobs : IRecurringJobs
    {
        // Every minute: the shortest target (P1 response, 15 min) warns at 7.5 min, so a minute late is the most it can be.
        public void Register(IRecurringJobManager jobs) =>
            jobs.AddOrUpdate<IncidentSlaJob>(IncidentSlaJob.RecurringId, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
    }
}
