using Hangfire;

namespace MlOpsPortal.Features.Quality;

public static class PortalQuality
{
    public static WebApplicationBuilder AddPortalQuality(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<QualityService>();
        builder.Services.AddSingleton<QualitySchedules>();
        builder.Services.AddTransient<RunQualityChecksJob>();
        builder.Services.AddTransient<PruneQualityReportsJob>();
        builder.Services.AddTransient<QualityDemoData>();
        builder.Services.AddOptions<QualityRetentionOptions>().BindConfiguration(QualityRetentionOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<QualityStartup>();
        return builder;
    }

    /// <summary>
    /// Recurring jobs from the suites in the database, demo data in Development, and runs left unfinished by the last
    /// process queued again: the database says what is scheduled and what is owed, whatever the job store remembers.
    /// Runs once the host has started, because reports publish their verdict through the metrics writer.
    /// </summary>
    private sealed class QualityStartup(
        QualityService quality, QualitySchedules schedules, IRecurringJobManager recurring, IServiceProvider services,
        IHostEnvironment environment, IConfiguration configuration, ILogger<QualitySchedules> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            foreach (var (modelKey, suite) in await quality.ListSuitesAsync(stoppingToken))
            {
                try
                {
                    schedules.Apply(modelKey, suite);
                }
                catch (ArgumentException ex)
                {
                    // One unreadable schedule must not keep every other model's checks from running.
                    logger.LogError(ex, "The check schedule '{Cron}' of {Model} was not registered", suite.Cron, modelKey);
                }
            }

            recurring.AddOrUpdate<PruneQualityReportsJob>(PruneQualityReportsJob.RecurringId, job => job.RunAsync(CancellationToken.None), Cron.Daily(3, 30));
            if (environment.IsDevelopment() && configuration.GetValue<bool>("DemoData:Enabled"))
            {
                await services.GetRequiredService<QualityDemoData>().SeedAsync(stoppingToken);
            }

            await quality.ResumeRunsAsync(stoppingToken);
        }
    }
}
