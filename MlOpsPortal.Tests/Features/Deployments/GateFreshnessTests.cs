using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Deployments;

/// <summary>
/// Gates are stored when a request is made; the inbox once showed Documentation failing after the card was fixed. A request
/// awaiting a decision is read with its gates evaluated now, and the server's approval decides on the same evaluation.
/// </summary>
public sealed class GateFreshnessTests : DeploymentsTestContext
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await RegisterAsync("card-model", RiskTier.Medium, Personas.Admin, evidence: false);
        await Models.RecordCiEvidenceAsync(Personas.Admin, "card-model", 1, new CiEvidenceInput(120, 0, 88, 1, new VulnerabilityCounts(0, 0, 1, 2), null));
    }

    [Fact]
    public async Task Completing_the_card_clears_the_documentation_gate_everywhere_the_request_is_read_and_lets_it_be_approved()
    {
        var request = await RequestAsync("card-model", "staging");
        Assert.False(Gate(request, DeploymentGates.DocumentationGateName).Passed);

        // The server refuses the approval while the blocking gate fails, naming it.
        var refused = await Assert.ThrowsAsync<PortalConflictException>(() => Decisions.ApproveAsync(Personas.Approver, request.Id, null));
        Assert.Contains(DeploymentGates.DocumentationGateName, refused.Message, StringComparison.Ordinal);
        Assert.Equal(DeploymentState.Pending, (await Requests.GetRequestAsync(request.Id))!.State);

        await Services.GetRequiredService<ModelCards>().UpdateCardAsync(Personas.Contributor, "card-model", 1, SampleCards.Complete());

        var read = (await Requests.GetRequestAsync(request.Id))!;
        Assert.True(Gate(read, DeploymentGates.DocumentationGateName).Passed, Gate(read, DeploymentGates.DocumentationGateName).Reason);
        var inbox = (await Decisions.InboxAsync(Personas.Approver)).Single(i => i.Request.Id == request.Id);
        Assert.True(Gate(inbox.Request, DeploymentGates.DocumentationGateName).Passed);
        Assert.Empty(GateAdvice.FailingBlocking(inbox.Request.Gates));
        Assert.Equal(DeploymentState.Approved, (await Decisions.ApproveAsync(Personas.Approver, request.Id, null)).State);
    }

    [Fact]
    public async Task A_decided_request_keeps_the_gates_it_was_decided_on()
    {
        var request = await RequestAsync("card-model", "staging");
        await Decisions.RejectAsync(Personas.Approver, request.Id, "Write the card first.");

        await Services.GetRequiredService<ModelCards>().UpdateCardAsync(Personas.Contributor, "card-model", 1, SampleCards.Complete());

        Assert.False(Gate((await Requests.GetRequestAsync(request.Id))!, DeploymentGates.DocumentationGateName).Passed);
    }

    [Fact]
    public async Task Evidence_that_goes_bad_after_the_request_shows_as_failing_and_refuses_the_approval()
    {
        await Services.GetRequiredService<ModelCards>().UpdateCardAsync(Personas.Contributor, "card-model", 1, SampleCards.Complete());
        var request = await RequestAsync("card-model", "staging");
        Assert.All(request.Gates.Where(g => g.Blocking), g => Assert.True(g.Passed, g.Reason));

        await Models.RecordCiEvidenceAsync(Personas.Admin, "card-model", 1, new CiEvidenceInput(100, 7, 88, 1, new VulnerabilityCounts(0, 0, 0, 0), null));

        var read = (await Requests.GetRequestAsync(request.Id))!;
        Assert.Equal(["CI evidence"], GateAdvice.FailingBlocking(read.Gates));
        var refused = await Assert.ThrowsAsync<PortalConflictException>(() => Decisions.ApproveAsync(Personas.Approver, request.Id, null));
        Assert.Contains("7 failed tests", refused.Message, StringComparison.Ordinal);
    }

    private static GateResult Gate(DeploymentRequestView request, string name) => request.Gates.Single(g => g.Name == name);
}
