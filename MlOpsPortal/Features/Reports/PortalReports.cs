using Hangfire;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Infrastructure.Hosting;
using MlOpsPortal.Infrastructure.Jobs;

namespace MlOpsPortal.Features.Reports;

public static class PortalReports
{
    public static WebApplicationBuilder AddPortalReports(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ReportsService>();
        builder.Services.AddSingleton<ReportPseudonyms>();
        builder.Services.AddSingleton<ReportNameReveal>();
        builder.Services.AddSingleton<IReportBuilder, UsageReportBuilder>();
        builder.Services.AddSingleton<IReportBuilder, SecurityAuditReportBuilder>();
        builder.Services.AddTransient<GenerateReportJob>();
        builder.Services.AddSingleton<IReportBuilder, ExecutiveReportBuilder>();
        builder.Services.AddTransient<TakePortfolioSnapshotJob>();
        builder.Services.AddRecurringJobs<ReportsJobs>();
        builder.Services.AddHostedService<ReportsStartup>();
        builder.Services.AddDemoSeeder<ReportsDemoData>();
        builder.Services.AddSingleton<ReportSubscriptions>();
        builder.Services.AddSingleton<IAuditVocabulary, ReportsAuditVocabulary>();
        builder.Services.AddSingleton<ReportMailer>();
        builder.Services.AddTransient<SendScheduledReportsJob>();
        return builder;
    }

    private sealed class ReportsJobs : IRecurringJobs
    {
        public void Register(IRecurringJobManager jobs)
        {
            jobs.AddOrUpdate<TakePortfolioSnapshotJob>(TakePortfolioSnapshotJob.RecurringId, job => job.RunAsync(CancellationToken.None),
                Cron.Daily(TakePortfolioSnapshotJob.TakenAt.Hour, TakePortfolioSnapshotJob.TakenAt.Minute));
            jobs.AddOrUpdate<SendScheduledReportsJob>(SendScheduledReportsJob.RecurringId, job => job.RunAsync(CancellationToken.None), SendScheduledReportsJob.Cron);
        }
    }

    /// <summary>Reports left unfinished by the last process are queued again once the demo data is in.</summary>
    private sealed class ReportsStartup(ReportsService reports, DemoSeeders demoData, BackgroundServiceHealth health, TimeProvider clock, ILogger<ReportsService> logger)
        : SupervisedBackgroundService(health, clock, logger)
    {
        protected override async Task RunAsync(CancellationToken stoppingToken)
        {
            await demoData.BackgroundSeeded.WaitAsync(stoppingToken);
            await reports.ResumeAsync(stoppingToken);
        }
    }
}
