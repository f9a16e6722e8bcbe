using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Tests.Features.Deployments;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Infrastructure.ScaleOut;

/// <summary>
/// An instance shares the gates it evaluated until the audit chain's head moves; a change made through the other
/// instance moves it in the shared database, so the next read on this one shows the change.
/// </summary>
public sealed class SharedGatesAcrossInstancesTests : IDisposable
{
    private readonly TwoPortals portals = new(onPostgreSql: true);

    public void Dispose() => portals.Dispose();

    [Fact]
    public async Task A_card_completed_through_one_instance_passes_the_documentation_gate_on_the_other_at_its_next_read()
    {
        await DeploymentsTestContext.RegisterApprovableAsync(portals.A.Services, "card-model", RiskTier.Medium, Personas.Contributor, evidence: false);
        var request = await DeploymentsTestContext.RequestAsync(portals.A.Services, "card-model");
        var inboxOnB = portals.B.Services.GetRequiredService<DeploymentDecisions>();
        async Task<GateResult> DocumentationOnB() =>
            (await inboxOnB.InboxAsync(Personas.Approver)).Single(i => i.Request.Id == request.Id).Request.Gates.Single(g => g.Name == DeploymentGates.DocumentationGateName);
        Assert.False((await DocumentationOnB()).Passed);
        Assert.False((await DocumentationOnB()).Passed);

        await portals.A.Services.GetRequiredService<ModelCards>().UpdateCardAsync(Personas.Contributor, "card-model", 1, SampleCards.Complete());

        var after = await DocumentationOnB();
        Assert.True(after.Passed, after.Reason);
    }
}
