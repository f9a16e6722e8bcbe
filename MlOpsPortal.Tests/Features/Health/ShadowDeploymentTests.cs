using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Health;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Features.Notifications;
using MlOpsPortal.Tests.Features.Deployments;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Health;

/// <summary>
/// Issue 15 item 5: metrics from an environment where no approval of the model holds are a shadow deployment, and the
/// health score's governance part says so as Critical, naming the version and the environment.
/// </summary>
public sealed class ShadowDeploymentTests : DeploymentsTestContext
{
    private HealthScore Health => Services.GetRequiredService<HealthScore>();

    [Fact]
    public async Task Metrics_where_the_running_version_is_approved_are_not_a_shadow_deployment()
    {
        await DeployAsync("production");
        await SendAsync("production");

        var governance = await GovernanceAsync("production");

        Assert.NotEqual(HealthStatus.Critical, governance.Status);
        Assert.Contains("approved until", governance.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_from_an_environment_never_approved_make_governance_and_the_model_critical()
    {
        await SendAsync("production");

        var report = await Health.ComputeAsync("churn-model", "production");
        var governance = report.Parts.Single(p => p.Component == HealthComponent.Governance);

        Assert.Equal(HealthStatus.Critical, governance.Status);
        Assert.Equal(0, governance.Score);
        Assert.StartsWith("v1 reports production metrics but has no approved deployment in production.", governance.Explanation, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Critical, report.Status);
    }

    [Fact]
    public async Task Metrics_after_the_approval_lapsed_are_critical_and_say_when_it_lapsed()
    {
        var request = await DeployAsync("production");
        Clock.Advance(TimeSpan.FromDays(181));
        await Services.GetRequiredService<ReapproveDeploymentsJob>().RunAsync(CancellationToken.None);
        await SendAsync("production");
        var expired = (await Requests.GetRequestAsync(request.Id))!.ApprovalExpiresAtUtc!.Value;

        var governance = await GovernanceAsync("production");

        Assert.Equal(HealthStatus.Critical, governance.Status);
        Assert.StartsWith($"v1 reports production metrics but its approval for production lapsed on {expired:yyyy-MM-dd}.", governance.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_approval_in_staging_does_not_cover_metrics_from_production()
    {
        await DeployAsync("staging");
        await SendAsync("production");

        Assert.Equal(HealthStatus.Critical, (await GovernanceAsync("production")).Status);
        Assert.Contains("no approved deployment in production", (await GovernanceAsync("production")).Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_only_from_the_approved_environment_are_fine_there_and_nothing_is_claimed_elsewhere()
    {
        await DeployAsync("staging");
        await SendAsync("staging");

        Assert.Equal(HealthStatus.Healthy, (await GovernanceAsync("staging")).Status);
        // Production has neither metrics nor a deployment: nothing runs there, so there is nothing to call a shadow.
        var production = await GovernanceAsync("production");
        Assert.NotEqual(HealthStatus.Critical, production.Status);
        Assert.DoesNotContain("reports", production.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_model_without_any_data_is_no_data_never_healthy_100()
    {
        // Fully documented, so governance alone would score 100; no points anywhere and no quality check.
        await Models.CreateModelAsync(Personas.Contributor, new ModelInput("new-model", "New", "", "Dana", "Retail", "", RiskTier.Low, []));
        var card = SampleCards.Complete();

        await Models.RegisterVersionAsync(Personas.Contributor, "new-model", new VersionInput("xgboost", "s3://m/model.bin", new string('a', 64), null, null, null, [],
            null, null, card));

        var report = await Health.ComputeAsync("new-model", "production");

        Assert.Equal(HealthStatus.NoData, report.Status);
        Assert.Null(report.Score);
        Assert.Equal("No data", HealthDisplay.Text(report.Status));
    }

    [Fact]
    public async Task The_watch_records_each_shadow_deployment_once_per_version_and_environment_and_tells_the_followers()
    {
        await Services.GetRequiredService<ModelFollowers>().SetAsync(Personas.Business, "churn-model", follow: true);
        await SendAsync("production");
        var watch = Services.GetRequiredService<WatchShadowDeploymentsJob>();

        var first = Assert.Single(await watch.RunAsync(CancellationToken.None));
        Assert.Empty(await watch.RunAsync(CancellationToken.None));
        await SendAsync("staging");
        var second = Assert.Single(await watch.RunAsync(CancellationToken.None));

        Assert.Equal((1, "production"), (first.Version, first.Environment));
        Assert.Equal("staging", second.Environment);
        var events = await DbAsync(db => db.AuditEvents.Where(e => e.Action == WatchShadowDeploymentsJob.Action).ToListAsync());
        Assert.Equal(["churn-model/1", "churn-model/1"], events.Select(e => e.EntityId));
        Assert.Contains("\"environment\":\"production\"", events[0].Details, StringComparison.Ordinal);
        var notices = await Services.GetRequiredService<NotificationsService>().ListAsync(Personas.Business);
        Assert.Equal(2, notices.Count(n => n.Critical && n.Title.StartsWith("Shadow deployment: churn-model v1 reports", StringComparison.Ordinal)));
        Assert.Empty(await Services.GetRequiredService<NotificationsService>().ListAsync(Personas.Auditor));
    }

    [Fact]
    public async Task The_watch_records_nothing_for_metrics_from_an_approved_deployment()
    {
        await DeployAsync("production");
        await SendAsync("production");

        Assert.Empty(await Services.GetRequiredService<WatchShadowDeploymentsJob>().RunAsync(CancellationToken.None));
        Assert.Equal(0, await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == WatchShadowDeploymentsJob.Action)));
    }

    private async Task<DeploymentRequestView> DeployAsync(string environment)
    {
        var request = await RequestAsync("churn-model", environment);
        await ForceStateAsync(request.Id, DeploymentState.Deployed);
        return request;
    }

    private async Task<HealthPart> GovernanceAsync(string environment) =>
        (await Health.ComputeAsync("churn-model", environment)).Parts.Single(p => p.Component == HealthComponent.Governance);

    private async Task SendAsync(string environment)
    {
        var keys = Services.GetRequiredService<RegistryKeys>();
        var target = (await keys.EnvironmentAsync(environment))!;
        var at = Clock.GetUtcNow().AddMinutes(-5).ToUnixTimeMilliseconds();
        // The writer commits only while it runs; the deployments context starts no hosted service, so it runs for this write.
        var writer = Services.GetService<MetricsWriter>() ?? Services.GetServices<IHostedService>().OfType<MetricsWriter>().Single();
        await writer.StartAsync(CancellationToken.None);
        try
        {
            await writer.WriteAsync(new PendingBatch("test", null, (await keys.ModelIdAsync("churn-model"))!.Value, "churn-model",
                target.Id, target.Key, [new PendingPoint(MetricNames.Auc, at, 0.9), new PendingPoint(MetricNames.LatencyP95, at, 200)]), CancellationToken.None);
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }
    }
}
