using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Health;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Features.Notifications;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Deployments;

public sealed class DeploymentsDemoDataTests
{
    [Fact]
    public async Task The_demo_has_requests_in_every_state_two_approvers_one_approval_expiring_soon_and_one_lapsed()
    {
        await using var app = await PortalServices.StartAsync(seedDemoData: true);
        var running = app.Services.GetRequiredService<RunningDeployments>();

        var all = await app.Services.GetRequiredService<DeploymentRequests>().ListRequestsAsync(new DeploymentQuery());

        Assert.Equal(Enum.GetValues<DeploymentState>().Order(), all.Select(r => r.State).Distinct().Order());
        Assert.Equal(["Arun Approver", "Bo Checker"], all.SelectMany(r => r.Approvals).Select(a => a.ApproverName).Distinct().Order());
        Assert.Equal(ApprovalStandingKind.Expiring, (await running.ApprovalStandingAsync("ticket-router", "production")).Kind);
        Assert.Equal(ApprovalStandingKind.ReapprovalRequired, (await running.ApprovalStandingAsync("turbine-failure", "production")).Kind);
        var dana = Personas.Contributor.Principal;
        Assert.True(await app.Services.GetRequiredService<NotificationsService>().UnreadCountAsync(dana) >= 2);
        Assert.NotEmpty(await app.Services.GetRequiredService<DeploymentDecisions>().InboxAsync(Personas.SecondApprover));
        var governance = (await app.Services.GetRequiredService<HealthScore>().ComputeAsync("turbine-failure", "production"))
            .Parts.Single(p => p.Component == HealthComponent.Governance);
        Assert.Equal(HealthStatus.Critical, governance.Status);

        // Seeding twice adds nothing.
        var count = await app.QueryAsync(db => db.DeploymentRequests.CountAsync());
        await app.Services.GetRequiredService<DeploymentsDemoData>().SeedAsync();
        Assert.Equal(count, await app.QueryAsync(db => db.DeploymentRequests.CountAsync()));
    }
}
