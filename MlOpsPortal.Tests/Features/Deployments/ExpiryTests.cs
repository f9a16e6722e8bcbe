using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Health;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Features.Notifications;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Deployments;

public sealed class ExpiryTests : DeploymentsTestContext
{
    private ReapproveDeploymentsJob Job => Services.GetRequiredService<ReapproveDeploymentsJob>();

    private NotificationsService Notifications => Services.GetRequiredService<NotificationsService>();

    [Fact]
    public async Task A_deployment_is_valid_until_one_second_before_its_validity_ends_then_needs_reapproval_and_a_second_run_changes_nothing()
    {
        var request = await RequestAsync("churn-model", "staging");
        var approved = await Decisions.ApproveAsync(Personas.Approver, request.Id, null);
        await Requests.MarkDeployedAsync(Personas.Admin, request.Id, new PipelineCallbackInput("https://ci.example/deploy/7"));
        Assert.Equal(approved.ApprovedAtUtc!.Value.AddDays(180), approved.ApprovalExpiresAtUtc);

        Clock.Advance(TimeSpan.FromDays(180) - TimeSpan.FromSeconds(1));
        var early = await Job.RunAsync(CancellationToken.None);
        Assert.Equal(0, early.ReapprovalRequired);
        Assert.Equal(DeploymentState.Deployed, (await Requests.GetRequestAsync(request.Id))!.State);
        Assert.Equal(ApprovalStandingKind.Expiring, (await Running.ApprovalStandingAsync("churn-model", "staging")).Kind);

        Clock.Advance(TimeSpan.FromSeconds(1));
        var due = await Job.RunAsync(CancellationToken.None);
        Assert.Equal(1, due.ReapprovalRequired);
        var lapsed = (await Requests.GetRequestAsync(request.Id))!;
        Assert.Equal(DeploymentState.ReapprovalRequired, lapsed.State);
        Assert.Equal(2, lapsed.ApprovalRound);
        Assert.Equal(ApprovalStandingKind.ReapprovalRequired, (await Running.ApprovalStandingAsync("churn-model", "staging")).Kind);
        // The approver deciding the re-approval sees that this very deployment is what runs there now.
        Assert.Equal(request.Id, (await Decisions.InboxAsync(Personas.SecondApprover)).Single(i => i.Request.Id == request.Id).DeployedNow?.RequestId);

        var audit = await DbAsync(db => db.AuditEvents.CountAsync());
        var notices = await DbAsync(db => db.Notifications.CountAsync());
        var again = await Job.RunAsync(CancellationToken.None);
        Assert.Equal(new ExpiryRunResult(0, 0, 0), again);
        Assert.Equal(audit, await DbAsync(db => db.AuditEvents.CountAsync()));
        Assert.Equal(notices, await DbAsync(db => db.Notifications.CountAsync()));

        // Re-approval by another approver puts it back to Deployed with a fresh validity.
        var renewed = await Decisions.ApproveAsync(Personas.SecondApprover, request.Id, "Still fine.");
        Assert.Equal(DeploymentState.Deployed, renewed.State);
        Assert.Equal(Clock.GetUtcNow().UtcDateTime.AddDays(180), renewed.ApprovalExpiresAtUtc);
        Assert.Equal(ApprovalStandingKind.Valid, (await Running.ApprovalStandingAsync("churn-model", "staging")).Kind);
    }

    [Fact]
    public async Task An_approval_never_deployed_expires_at_its_validity()
    {
        var request = await RequestAsync("churn-model", "staging");
        await Decisions.ApproveAsync(Personas.Approver, request.Id, null);

        Clock.Advance(TimeSpan.FromDays(180));
        Assert.Equal(1, (await Job.RunAsync(CancellationToken.None)).Expired);

        Assert.Equal(DeploymentState.Expired, (await Requests.GetRequestAsync(request.Id))!.State);
        await Assert.ThrowsAsync<MlOpsPortal.Infrastructure.Api.PortalConflictException>(
            () => Requests.MarkDeployedAsync(Personas.Admin, request.Id, new PipelineCallbackInput(null)));
    }

    [Fact]
    public async Task Approvals_expiring_within_14_days_notify_the_requester_and_approvers_once()
    {
        var request = await RequestAsync("churn-model", "staging");
        await Decisions.ApproveAsync(Personas.Approver, request.Id, null);
        await Requests.MarkDeployedAsync(Personas.Admin, request.Id, new PipelineCallbackInput(null));
        // The approval itself told Dana (its own notice); what follows is about the expiry warnings.
        await Notifications.MarkReadAsync(Personas.Contributor);

        Clock.Advance(TimeSpan.FromDays(180 - 15));
        Assert.Equal(0, (await Job.RunAsync(CancellationToken.None)).Warned);
        Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(2, (await Job.RunAsync(CancellationToken.None)).Warned);
        Assert.Equal(0, (await Job.RunAsync(CancellationToken.None)).Warned);

        Assert.Equal(1, await Notifications.UnreadCountAsync(Personas.Contributor));
        Assert.Equal(1, await Notifications.UnreadCountAsync(Personas.Approver));
        Assert.Equal(0, await Notifications.UnreadCountAsync(Personas.SecondApprover));
        var notice = Assert.Single(await Notifications.ListAsync(Personas.Contributor), n => !n.Read);
        Assert.Contains($"#{request.Id} expires", notice.Title, StringComparison.Ordinal);
        Assert.Equal(DeploymentLinks.Request(request.Id), notice.Link);
        await Notifications.MarkReadAsync(Personas.Contributor);
        Assert.Equal(0, await Notifications.UnreadCountAsync(Personas.Contributor));
    }

    [Fact]
    public async Task The_health_score_governance_part_is_critical_when_reapproval_is_required()
    {
        var request = await RequestAsync("churn-model", "staging");
        await Decisions.ApproveAsync(Personas.Approver, request.Id, null);
        await Requests.MarkDeployedAsync(Personas.Admin, request.Id, new PipelineCallbackInput(null));
        var health = Services.GetRequiredService<HealthScore>();
        var valid = (await health.ComputeAsync("churn-model", "staging")).Parts.Single(p => p.Component == HealthComponent.Governance);
        Assert.Equal(HealthStatus.Healthy, valid.Status);
        Assert.Contains("approved until", valid.Explanation, StringComparison.Ordinal);

        Clock.Advance(TimeSpan.FromDays(181));
        await Job.RunAsync(CancellationToken.None);

        var report = await health.ComputeAsync("churn-model", "staging");
        var governance = report.Parts.Single(p => p.Component == HealthComponent.Governance);
        Assert.Equal(HealthStatus.Critical, governance.Status);
        Assert.Contains("re-approval required", governance.Explanation, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Critical, report.Status);
    }
}
