using Hangfire;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Infrastructure.Jobs;
using MlOpsPortal.Infrastructure.Outbound;

namespace MlOpsPortal.Features.Deployments;

public static class PortalDeployments
{
    public static WebApplicationBuilder AddPortalDeployments(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<DeploymentRequestStore>();
        builder.Services.AddSingleton<DeploymentNotices>();
        builder.Services.AddSingleton<DeploymentGates>();
        builder.Services.AddSingleton<CurrentGates>();
        builder.Services.AddSingleton<DeploymentRequests>();
        builder.Services.AddSingleton<DeploymentDecisions>();
        builder.Services.AddSingleton<RunningDeployments>();
        builder.Services.AddSingleton<MakerCheckerEvidence>();
        builder.Services.AddSingleton<EnvironmentPolicies>();
        builder.Services.AddSingleton<DeploymentWebhooks>();
        builder.Services.AddHostedService<DeploymentWebhookSender>();
        builder.Services.AddHttpClient(DeploymentWebhooks.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10)).UseOutboundGuard();
        builder.Services.AddTransient<ReapproveDeploymentsJob>();
        builder.Services.AddRecurringJobs<DeploymentsJobs>();
        builder.Services.AddDemoSeeder<DeploymentsDemoData>();
        builder.Services.AddSingleton<IVersionLineageExtension, DeployedEnvironmentsLineage>();
        builder.Services.AddModelTab<ModelDeploymentsPanel>("deployments", "Deployments", 10, tab => new Dictionary<string, object?>
        {
            [nameof(ModelDeploymentsPanel.ModelKey)] = tab.ModelKey,
            [nameof(ModelDeploymentsPanel.CanRequest)] = tab.CanWrite,
        });
        return builder;
    }

    private sealed class DeploymentsJobs : IRecurringJobs
    {
        public void Register(IRecurringJobManager jobs) =>
            jobs.AddOrUpdate<ReapproveDeploymentsJob>(ReapproveDeploymentsJob.RecurringId, job => job.RunAsync(CancellationToken.None), Cron.Daily(6));
    }
}
