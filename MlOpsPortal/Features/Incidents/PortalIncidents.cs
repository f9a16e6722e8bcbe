using Hangfire;
using MlOpsPortal.Features.Models;
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
        // After Deployments (10) and before Monitoring (20): what is wrong with a model now sits beside where it runs.
        builder.Services.AddModelTab<ModelIncidentsPanel>("incidents", "Incidents", 15, tab => new Dictionary<string, object?>
        {
            [nameof(ModelIncidentsPanel.ModelKey)] = tab.ModelKey,
        });
        return builder;
    }

    private sealed class IncidentsJobs : IRecurringJobs
    {
        // Every minute: the shortest target (P1 response, 15 min) warns at 7.5 min, so a minute late is the most it can be.
        public void Register(IRecurringJobManager jobs) =>
            jobs.AddOrUpdate<IncidentSlaJob>(IncidentSlaJob.RecurringId, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
    }
}
