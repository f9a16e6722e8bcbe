using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Deployments;

public sealed class DeploymentsDemoDataTests
{
    [Fact]
    public async Task The_demo_has_requests_in_every_state_two_approvers_one_approval_expiring_soon_and_one_lapsed()
    {
        await using var app = await PortalServices.StartAsync(seedDemoData: true);
        var deployments = app.Services.GetRequiredService<DeploymentsService>();

        var all = await deployments.ListRequestsAsync(new DeploymentQuery());

        Assert.Equal(Enum.GetValues<DeploymentState>().Order(), all.Select(r => r.State).Distinct().Order());
        Assert.Equal(["Arun Approver", "Bo Checker"], all.SelectMany(r => r.Approvals).Select(a => a.ApproverName).Distinct().Order());
        Assert.Equal(ApprovalStandingKind.Expiring, (await deployments.ApprovalStandingAsync("ticket-router", "production")).Kind);
        Assert.Equal(ApprovalStandingKind.ReapprovalRequired, (await deployments.ApprovalStandingAsync("turbine-failure", "production")).Kind);
        var dana = Personas.Contributor.Principal;
        Assert.True(await deployments.UnreadCountAsync(dana) >= 2);
        Assert.NotEmpty(await deployments.InboxAsync(Personas.SecondApprover));
        var governance = (await app.Services.GetRequiredService<HealthScore>().ComputeAsync("turbine-failure", "production"))
            .Parts.Single(p => p.Component == HealthComponent.Governance);
        Assert.Equal(HealthStatus.Critical, governance.Status);

        // Seeding twice adds nothing.
        var count = await app.QueryAsync(db => db.DeploymentRequests.CountAsync());
        await app.Services.GetRequiredService<DeploymentsDemoData>().SeedAsync();
        Assert.Equal(count, await app.QueryAsync(db => db.DeploymentRequests.CountAsync()));
    }
}
