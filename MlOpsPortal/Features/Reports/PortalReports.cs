using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Infrastructure.Hosting;

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
        builder.Services.AddHostedService<ReportsStartup>();
        builder.Services.AddDemoSeeder<ReportsDemoData>();
        return builder;
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
