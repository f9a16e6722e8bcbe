using Hangfire;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Infrastructure.Hosting;
using MlOpsPortal.Infrastructure.Jobs;

namespace MlOpsPortal.Features.Quality;

public static class PortalQuality
{
    public static WebApplicationBuilder AddPortalQuality(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<QualityReports>();
        builder.Services.AddSingleton<CheckRuns>();
        builder.Services.AddSingleton<QualitySamples>();
        builder.Services.AddSingleton<CheckSuites>();
        builder.Services.AddSingleton<QualitySchedules>();
        builder.Services.AddTransient<RunQualityChecksJob>();
        // A failed report raises its own signal (QualitySignals); the alert on its metric must not open a second incident.
        builder.Services.AddSingleton(new Monitoring.MetricWithOwnSignals(RunQualityChecksJob.FailedChecksMetric));
        builder.Services.AddTransient<PruneQualityReportsJob>();
        builder.Services.AddRecurringJobs<QualityJobs>();
        builder.Services.AddDemoSeeder<QualityDemoData>();
        builder.Services.AddOptions<QualityRetentionOptions>().BindConfiguration(QualityRetentionOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<QualityStartup>();
        builder.Services.AddModelTab<ModelQualityPanel>("quality", "Quality", 40, tab => new Dictionary<string, object?>
        {
            [nameof(ModelQualityPanel.ModelKey)] = tab.ModelKey,
            [nameof(ModelQualityPanel.VersionCount)] = tab.VersionCount,
        });
        return builder;
    }

    private sealed class QualityJobs : IRecurringJobs
    {
        public void Register(IRecurringJobManager jobs) =>
            jobs.AddOrUpdate<PruneQualityReportsJob>(PruneQualityReportsJob.RecurringId, job => job.RunAsync(CancellationToken.None), Cron.Daily(3, 30));
    }

    /// <summary>
    /// Recurring jobs from the suites in the database, and runs left unfinished by the last process queued again once
    /// the demo data (<see cref="QualityDemoData"/>, seeded in the background by <see cref="DemoDataStartup"/>) is in:
    /// the database says what is scheduled and what is owed, whatever the job store remembers. Supervised: a failure
    /// (a busy database) is retried from the top, which every step of it allows (schedules are upserted, a run already
    /// queued is claimed once).
    /// </summary>
    private sealed class QualityStartup(
        CheckSuites suites, CheckRuns runs, QualitySchedules schedules, DemoSeeders demoData, BackgroundServiceHealth health, TimeProvider clock,
        ILogger<QualitySchedules> logger) : SupervisedBackgroundService(health, clock, logger)
    {
        protected override async Task RunAsync(CancellationToken stoppingToken)
        {
            foreach (var (modelKey, suite) in await suites.ListSuitesAsync(stoppingToken))
            {
                try
                {
                    schedules.Apply(modelKey, suite);
                }
                catch (ArgumentException ex)
                {
                    // One unreadable schedule must not keep every other model's checks from running.
                    Logger.LogError(ex, "The check schedule '{Cron}' of {Model} was not registered", suite.Cron, modelKey);
                }
            }

            // Demo history executes its own runs: resumed before it is written, they would be run again, as of now.
            await demoData.BackgroundSeeded.WaitAsync(stoppingToken);

            await runs.ResumeRunsAsync(stoppingToken);
        }
    }
}
