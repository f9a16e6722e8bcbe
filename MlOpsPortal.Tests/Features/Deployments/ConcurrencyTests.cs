using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Deployments;

public sealed class ConcurrencyTests : DeploymentsTestContext
{
    [Fact]
    public async Task Fifty_concurrent_approvals_of_one_request_make_one_transition_and_one_audit_event()
    {
        var request = await RequestAsync("churn-model", "staging");
        var auditBefore = await DbAsync(db => db.AuditEvents.CountAsync());
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var attempts = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            await start.Task;
            try
            {
                return (Ok: true, Message: (await Decisions.ApproveAsync(i % 2 == 0 ? Personas.Approver : Personas.SecondApprover, request.Id, $"attempt {i}")).State.ToString());
            }
            catch (PortalConflictException ex)
            {
                return (Ok: false, ex.Message);
            }
        })).ToList();
        start.SetResult();
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, r => r.Ok);
        var approval = Assert.Single(await DbAsync(db => db.DeploymentApprovals.ToListAsync()));
        Assert.All(results.Where(r => !r.Ok), r => Assert.True(
            r.Message.Contains($"already decided by {approval.ApproverName} at", StringComparison.Ordinal) || r.Message.Contains("counts once", StringComparison.Ordinal),
            r.Message));
        Assert.Equal(DeploymentState.Approved, (await Requests.GetRequestAsync(request.Id))!.State);
        Assert.Equal(1, await AuditCountAsync(request.Id, "deployment-request.approved"));
        Assert.Equal(auditBefore + 1, await DbAsync(db => db.AuditEvents.CountAsync()));
    }

    [Fact]
    public async Task A_reject_racing_an_approve_gives_one_decision_and_the_loser_learns_who_won()
    {
        var request = await RequestAsync("churn-model", "staging");

        var approve = Task.Run(() => Decisions.ApproveAsync(Personas.Approver, request.Id, null));
        var reject = Task.Run(() => Decisions.RejectAsync(Personas.SecondApprover, request.Id, "No."));
        var outcomes = await Task.WhenAll(Settle(approve), Settle(reject));

        var winner = Assert.Single(outcomes, o => o is null);
        var loser = Assert.Single(outcomes, o => o is not null);
        Assert.Contains("already decided by", loser, StringComparison.Ordinal);
        var final = (await Requests.GetRequestAsync(request.Id))!;
        Assert.Contains(final.State, new[] { DeploymentState.Approved, DeploymentState.Rejected });
        Assert.Contains(final.StateChangedBy!, loser, StringComparison.Ordinal);
    }

    private static async Task<string?> Settle(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (PortalConflictException ex)
        {
            return ex.Message;
        }
    }
}
