using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Deployments;

public sealed class DeploymentTransitionTests : DeploymentsTestContext
{
    public enum Act
    {
        Approve,
        Reject,
        Withdraw,
        Deployed,
        Failed,
        RolledBack,
    }

    /// <summary>Every state against every action: the allowed ones land in the listed state, all others are refused and change nothing.</summary>
    public static TheoryData<DeploymentState, Act, DeploymentState?> Matrix()
    {
        var allowed = new Dictionary<(DeploymentState, Act), DeploymentState>
        {
            [(DeploymentState.Pending, Act.Approve)] = DeploymentState.Approved,
            [(DeploymentState.Pending, Act.Reject)] = DeploymentState.Rejected,
            [(DeploymentState.Pending, Act.Withdraw)] = DeploymentState.Withdrawn,
            [(DeploymentState.Approved, Act.Deployed)] = DeploymentState.Deployed,
            [(DeploymentState.Approved, Act.Failed)] = DeploymentState.Approved,
            [(DeploymentState.Deployed, Act.RolledBack)] = DeploymentState.RolledBack,
            [(DeploymentState.ReapprovalRequired, Act.Approve)] = DeploymentState.Deployed,
            [(DeploymentState.ReapprovalRequired, Act.RolledBack)] = DeploymentState.RolledBack,
        };
        var data = new TheoryData<DeploymentState, Act, DeploymentState?>();
        foreach (var state in Enum.GetValues<DeploymentState>())
        {
            foreach (var act in Enum.GetValues<Act>())
            {
                data.Add(state, act, allowed.TryGetValue((state, act), out var to) ? to : null);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_state_allows_exactly_its_transitions(DeploymentState from, Act act, DeploymentState? expected)
    {
        var request = await RequestAsync();
        if (from != DeploymentState.Pending)
        {
            await ForceStateAsync(request.Id, from);
        }

        var before = await AuditCountAsync(request.Id);
        Task<DeploymentRequestView> Run() => act switch
        {
            Act.Approve => Decisions.ApproveAsync(Personas.Approver, request.Id, "ok"),
            Act.Reject => Decisions.RejectAsync(Personas.Approver, request.Id, "Not yet."),
            Act.Withdraw => Requests.WithdrawAsync(Personas.Contributor, request.Id),
            Act.Deployed => Requests.MarkDeployedAsync(Personas.Admin, request.Id, new PipelineCallbackInput("https://ci.example/run/1")),
            Act.Failed => Requests.MarkFailedAsync(Personas.Admin, request.Id, new PipelineCallbackInput("https://ci.example/run/1")),
            _ => Requests.MarkRolledBackAsync(Personas.Admin, request.Id, new PipelineCallbackInput("https://ci.example/run/1")),
        };

        if (expected is { } to)
        {
            var after = await Run();
            Assert.Equal(to, after.State);
            Assert.Equal(to, (await Requests.GetRequestAsync(request.Id))!.State);
            Assert.True(await AuditCountAsync(request.Id) > before, "A transition is an audit event.");
        }
        else
        {
            var refused = await Assert.ThrowsAsync<PortalConflictException>(Run);
            Assert.Contains(from.ToString(), refused.Message, StringComparison.Ordinal);
            Assert.Equal(from, (await Requests.GetRequestAsync(request.Id))!.State);
            Assert.Equal(before, await AuditCountAsync(request.Id));
        }
    }

    [Fact]
    public async Task Deploying_a_new_version_supersedes_what_ran_in_that_environment()
    {
        var first = await RequestAsync();
        await Decisions.ApproveAsync(Personas.Approver, first.Id, null);
        await Requests.MarkDeployedAsync(Personas.Admin, first.Id, new PipelineCallbackInput(null));
        var second = await RequestAsync();
        await Decisions.ApproveAsync(Personas.SecondApprover, second.Id, null);

        await Requests.MarkDeployedAsync(Personas.Admin, second.Id, new PipelineCallbackInput(null));

        Assert.Equal(DeploymentState.Superseded, (await Requests.GetRequestAsync(first.Id))!.State);
        Assert.Equal(second.Id, (await Running.DeployedNowAsync("churn-model", "staging"))!.Id);
        Assert.Equal(1, await AuditCountAsync(first.Id, "deployment-request.superseded"));
    }

    [Fact]
    public async Task A_rejection_needs_a_comment()
    {
        var request = await RequestAsync();

        var refused = await Assert.ThrowsAsync<PortalValidationException>(() => Decisions.RejectAsync(Personas.Approver, request.Id, " "));

        Assert.Contains("comment", refused.Errors.Keys);
        Assert.Equal(DeploymentState.Pending, (await Requests.GetRequestAsync(request.Id))!.State);
    }

    [Fact]
    public async Task Only_the_requester_or_an_admin_withdraws_and_roles_are_checked_on_the_server()
    {
        var request = await RequestAsync();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Requests.WithdrawAsync(Personas.Approver, request.Id));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Decisions.ApproveAsync(Personas.Executive, request.Id, null));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Requests.RequestAsyncAs(Personas.Executive));
        Assert.Equal(DeploymentState.Withdrawn, (await Requests.WithdrawAsync(Personas.Admin, request.Id)).State);
    }
}

internal static class DeploymentRequestsTestExtensions
{
    public static Task<DeploymentRequestView> RequestAsyncAs(this DeploymentRequests requests, System.Security.Claims.ClaimsPrincipal user) =>
        requests.CreateRequestAsync(user, new DeploymentRequestInput("churn-model", 1, "staging", "Because.", null));
}
