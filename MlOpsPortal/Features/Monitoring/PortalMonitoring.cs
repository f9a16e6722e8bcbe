using Hangfire;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Configuration;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Infrastructure.Jobs;

namespace MlOpsPortal.Features.Monitoring;

public static class PortalMonitoring
{
    public static WebApplicationBuilder AddPortalMonitoring(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ProcessMetricsSampler>();
        builder.Services.AddOptions<MonitoringOptions>().BindConfiguration(MonitoringOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddTransient<SampleSystemMetricsJob>();

        builder.Services.AddOptions<MetricsIngestionOptions>()
            .BindConfiguration(MetricsIngestionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var database = builder.GetValidatedOptions<DatabaseOptions>();
        switch (database.Provider)
        {
            case DatabaseProvider.SqlServer:
                AddStore<SqlServerMetricsStore>(builder.Services);
                break;
            case DatabaseProvider.PostgreSql:
                AddStore<PostgreSqlMetricsStore>(builder.Services);
                break;
            default:
                AddStore<SqliteMetricsStore>(builder.Services);
                break;
        }

        builder.Services.AddSingleton<LocalIdRanges>();
        builder.Services.AddSingleton<MetricsFeed>();
        builder.Services.AddSingleton<LiveHandoffs>();
        builder.Services.AddSingleton<LiveBroadcast>();
        builder.Services.AddSingleton<MetricsWriter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<MetricsWriter>());
        builder.Services.AddSingleton<SeriesKeys>();
        builder.Services.AddSingleton<MetricsIngestion>();
        builder.Services.AddSingleton<ChartQueries>();
        builder.Services.AddSingleton<LatestPointQueries>();
        builder.Services.AddSingleton<MonitoringCoverage>();
        builder.Services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<MonitoringHealth>();
        builder.Services.AddSingleton<AlertRules>();
        builder.Services.AddSingleton<AlertRuleSeries>();
        builder.Services.AddSingleton<AlertsService>();
        builder.Services.AddOptions<MetricsRetentionOptions>().BindConfiguration(MetricsRetentionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddTransient<PruneMetricsJob>();
        builder.Services.AddRecurringJobs<MonitoringJobs>();
        builder.Services.AddSingleton<AlertEvaluator>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AlertEvaluator>());
        builder.Services.AddModelTab<ModelMonitoringSummary>("monitoring", "Monitoring", 20, tab => new Dictionary<string, object?>
        {
            [nameof(ModelMonitoringSummary.ModelKey)] = tab.ModelKey,
        });
        builder.Services.AddModelTab<ModelAlertsPanel>("alerts", "Alerts", 30, tab => new Dictionary<string, object?>
        {
            [nameof(ModelAlertsPanel.ModelKey)] = tab.ModelKey,
            [nameof(ModelAlertsPanel.CanWrite)] = tab.CanWrite,
        });
        builder.Services.AddSingleton<SimulatedHistory>();
        builder.Services.AddOptions<MetricsSimulatorOptions>().BindConfiguration(MetricsSimulatorOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var simulated = builder.Environment.IsDevelopment() && builder.GetValidatedOptions<MetricsSimulatorOptions>().Enabled;
        builder.Services.AddSingleton(new SimulatedMetricsReady(simulated));
        if (simulated)
        {
            builder.Services.AddHostedService<MetricsSimulator>();
        }

        var limits = builder.GetValidatedOptions<MetricsIngestionOptions>();
        MetricsEndpoints.AddIngestionRateLimit(builder.Services, limits.RequestsPerMinutePerClient);
        return builder;
    }

    /// <summary>Counts requests for the portal's own requests-per-minute metric.</summary>
    public static WebApplication UseRequestCounting(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var sampler = app.Services.GetRequiredService<ProcessMetricsSampler>();
        app.Use((context, next) =>
        {
            sampler.CountRequest();
            return next(context);
        });
        return app;
    }

    /// <summary>The provider's store writes the points and keeps the point log the cross-instance feed polls.</summary>
    private static void AddStore<TStore>(IServiceCollection services)
        where TStore : class, IMetricsStore, IPointLog
    {
        services.AddSingleton<TStore>();
        services.AddSingleton<IMetricsStore>(provider => provider.GetRequiredService<TStore>());
        services.AddSingleton<IPointLog>(provider => provider.GetRequiredService<TStore>());
        services.AddHostedService<MetricsFeedPoller>();
    }

    private sealed class MonitoringJobs(IBackgroundJobClient background) : IRecurringJobs
    {
        public void Register(IRecurringJobManager jobs)
        {
            jobs.AddOrUpdate<SampleSystemMetricsJob>(SampleSystemMetricsJob.RecurringId, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
            jobs.AddOrUpdate<PruneMetricsJob>(PruneMetricsJob.RecurringId, job => job.RunAsync(CancellationToken.None), Cron.Daily(3));

            // A sample at start means the home page has a point to chart within seconds, not a minute.
            background.Enqueue<SampleSystemMetricsJob>(job => job.RunAsync(CancellationToken.None));
        }
    }
}
