using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Features.Deployments;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Notifications;

/// <summary>A deployment request's hand-offs reach exactly the people who may act on them, once.</summary>
public sealed class DeploymentHandOffTests : DeploymentsTestContext
{
    /// <summary>Builds models and approves deployments: maker-checker keeps them from deciding what they made.</summary>
    private static readonly Persona Dual = Personas.Custom("test-dual", "Dee Dual", PortalRoles.ModelsContributor, PortalRoles.DeploymentsApprover);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Services.RecordSignInsAsync(Personas.Admin, Personas.Contributor, Personas.Approver, Personas.SecondApprover, Personas.Support, Personas.Business, Dual);
    }

    [Fact]
    public async Task A_new_request_reaches_every_approver_but_its_requester_and_the_versions_registrant()
    {
        await RegisterAsync("dual-model", RiskTier.Medium, Dual);

        var ordinary = await RequestAsync("churn-model", "staging");
        var registeredByDual = await RequestAsync("dual-model", "staging");
        var requestedByDual = await RequestAsync("fraud-model", "staging", Dual);

        Assert.Equal([Personas.Approver.Id, Personas.SecondApprover.Id, Dual.Id], await RecipientsAsync(ordinary.Id, "new"));
        Assert.Equal([Personas.Approver.Id, Personas.SecondApprover.Id], await RecipientsAsync(registeredByDual.Id, "new"));
        Assert.Equal([Personas.Approver.Id, Personas.SecondApprover.Id], await RecipientsAsync(requestedByDual.Id, "new"));
        var notice = await DbAsync(db => db.Notifications.SingleAsync(n => n.RecipientId == Personas.Approver.Id && n.DedupKey.StartsWith($"deployment-request:{ordinary.Id}:")));
        Assert.Equal(DeploymentLinks.Request(ordinary.Id), notice.Link);
        Assert.Contains($"churn-model v1 to staging (#{ordinary.Id})", notice.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_approved_at_once_asks_nobody()
    {
        var request = await RequestAsync("churn-model", "development");

        Assert.Equal(DeploymentState.Approved, request.State);
        Assert.Empty(await RecipientsAsync(request.Id));
    }

    [Fact]
    public async Task Racing_approvals_tell_the_requester_once_and_nobody_else()
    {
        var request = await RequestAsync("churn-model", "staging");
        Assert.Equal(1, request.RequiredApprovals);

        var outcomes = await Task.WhenAll(
            Attempt(() => Decisions.ApproveAsync(Personas.Approver, request.Id, null)),
            Attempt(() => Decisions.ApproveAsync(Personas.SecondApprover, request.Id, null)));

        Assert.Single(outcomes, won => won);
        Assert.Equal([Personas.Contributor.Id], await RecipientsAsync(request.Id, "approved"));
        Assert.Equal(DeploymentState.Approved, (await Requests.GetRequestAsync(request.Id))!.State);
    }

    [Fact]
    public async Task The_first_of_two_approvals_is_no_decision_and_the_second_tells_the_requester()
    {
        var request = await RequestAsync("fraud-model", "production");
        Assert.Equal(2, request.RequiredApprovals);

        await Decisions.ApproveAsync(Personas.Approver, request.Id, null);
        Assert.Empty(await RecipientsAsync(request.Id, "approved"));

        await Decisions.ApproveAsync(Personas.SecondApprover, request.Id, null);
        Assert.Equal([Personas.Contributor.Id], await RecipientsAsync(request.Id, "approved"));
    }

    [Fact]
    public async Task A_rejection_tells_the_requester_why_once()
    {
        var request = await RequestAsync("churn-model", "staging");

        await Decisions.RejectAsync(Personas.Approver, request.Id, "The drift report is a month old.");
        await Assert.ThrowsAsync<PortalConflictException>(() => Decisions.RejectAsync(Personas.SecondApprover, request.Id, "Again."));

        Assert.Equal([Personas.Contributor.Id], await RecipientsAsync(request.Id, "rejected"));
        var notice = await DbAsync(db => db.Notifications.SingleAsync(n => n.DedupKey.Contains(":rejected:")));
        Assert.True(notice.Critical);
        Assert.Equal($"Arun Approver rejected your deployment of churn-model v1 to staging (#{request.Id}): The drift report is a month old.", notice.Title);
    }

    [Fact]
    public async Task Withdrawing_a_request_tells_no_one()
    {
        var request = await RequestAsync("churn-model", "staging");
        var before = await RecipientsAsync(request.Id);

        await Requests.WithdrawAsync(Personas.Contributor, request.Id);

        Assert.Equal(before, await RecipientsAsync(request.Id));
    }

    private static async Task<bool> Attempt(Func<Task> decide)
    {
        try
        {
            await decide();
            return true;
        }
        catch (PortalConflictException)
        {
            return false;
        }
    }

    /// <summary>Who was told of <paramref name="occasion"/> of a request (every occasion when null), in id order; a duplicate would show twice.</summary>
    private Task<List<string>> RecipientsAsync(int requestId, string? occasion = null) => DbAsync(db => db.Notifications
        .Where(n => n.DedupKey.StartsWith($"deployment-request:{requestId}:") && (occasion == null || n.DedupKey.Contains($":{occasion}:")))
        .OrderBy(n => n.RecipientId).Select(n => n.RecipientId).ToListAsync());
}
