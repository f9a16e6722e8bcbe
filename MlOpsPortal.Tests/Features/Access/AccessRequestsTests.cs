using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Access;

/// <summary>Every transition of an access request, and who may make it.</summary>
public sealed class AccessRequestsTests : AccessTestContext
{
    private static readonly Persona Newcomer = Personas.Newcomer;

    private Task<AccessRequestView> AskAsync(Persona who, string role, int? days = 90) =>
        Requests.SubmitAsync(who, new AccessRequestInput(role, "I join the churn team and register its models.", days));

    [Fact]
    public async Task An_approved_request_grants_the_role_for_its_duration_and_tells_the_requester()
    {
        var request = await AskAsync(Newcomer, PortalRoles.ModelsContributor, 30);
        Assert.Equal((AccessRequestState.Pending, Now.AddDays(14)), (request.State, request.ExpiresAtUtc));
        Assert.Empty(await RolesOfAsync(Newcomer));

        var approved = await Requests.ApproveAsync(Personas.Support, request.Id, "Welcome to the team");

        Assert.Equal((AccessRequestState.Approved, "Sam Support"), (approved.State, approved.DecidedByName));
        Assert.Equal([PortalRoles.ModelsContributor], await RolesOfAsync(Newcomer));
        var grant = Assert.Single(await Grants.ListForAsync(Personas.Support, Newcomer.Id));
        Assert.Equal((approved.GrantId, Now.AddDays(30), "Portal"), ((int?)grant.Id, grant.EndsAtUtc, grant.Provisioning));
        Assert.Equal(1, await AuditCountAsync(AccessRequests.RequestedAction, Newcomer.Id));
        Assert.Equal(1, await AuditCountAsync(AccessRequests.ApprovedAction, Newcomer.Id));
        Assert.Equal(1, await AuditCountAsync(AccessGrants.GrantedAction, Newcomer.Id));
        Assert.Contains(await NoticesOfAsync(Newcomer.Id), n => n.StartsWith("Your request for Models.Contributor was approved by Sam Support for 30 days", StringComparison.Ordinal));

        Clock.Advance(TimeSpan.FromDays(30));
        Assert.Empty(await RolesOfAsync(Newcomer));
    }

    [Fact]
    public async Task Deciders_who_signed_in_are_told_of_a_new_request_and_only_administrators_of_a_privileged_one()
    {
        await Services.RecordSignInsAsync(Personas.Support, Personas.Admin, Personas.Auditor);

        await AskAsync(Newcomer, PortalRoles.BusinessViewer);
        await AskAsync(Newcomer, PortalRoles.DeploymentsApprover);

        Assert.Single(await NoticesOfAsync(Personas.Support.Id));
        Assert.Equal(2, (await NoticesOfAsync(Personas.Admin.Id)).Count);
        Assert.Empty(await NoticesOfAsync(Personas.Auditor.Id));
    }

    [Fact]
    public async Task A_rejection_needs_a_comment_which_the_requester_reads()
    {
        var request = await AskAsync(Newcomer, PortalRoles.ExecutiveViewer);

        var missing = await Assert.ThrowsAsync<PortalValidationException>(() => Requests.RejectAsync(Personas.Support, request.Id, "  "));
        Assert.Contains("comment", missing.Errors.Keys);
        var rejected = await Requests.RejectAsync(Personas.Support, request.Id, "Executives are named by the CFO's office");

        Assert.Equal(AccessRequestState.Rejected, rejected.State);
        Assert.Empty(await RolesOfAsync(Newcomer));
        Assert.Contains(await NoticesOfAsync(Newcomer.Id), n => n.EndsWith("rejected by Sam Support: Executives are named by the CFO's office", StringComparison.Ordinal));
        var again = await Assert.ThrowsAsync<PortalConflictException>(() => Requests.ApproveAsync(Personas.Admin, request.Id, null));
        Assert.StartsWith($"Request {request.Id} was already rejected by Sam Support at", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_requester_withdraws_and_a_withdrawn_request_cannot_be_decided()
    {
        var request = await AskAsync(Newcomer, PortalRoles.BusinessViewer);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Requests.WithdrawAsync(Personas.Support, request.Id));
        var withdrawn = await Requests.WithdrawAsync(Newcomer, request.Id);

        Assert.Equal(AccessRequestState.Withdrawn, withdrawn.State);
        await Assert.ThrowsAsync<PortalConflictException>(() => Requests.ApproveAsync(Personas.Support, request.Id, null));
        Assert.Equal(1, await AuditCountAsync(AccessRequests.WithdrawnAction, Newcomer.Id));
        // Withdrawn, it no longer blocks asking again.
        Assert.Equal(AccessRequestState.Pending, (await AskAsync(Newcomer, PortalRoles.BusinessViewer)).State);
    }

    [Fact]
    public async Task Nobody_decides_their_own_request_not_even_an_administrator_and_the_database_refuses_it_too()
    {
        var supports = await AskAsync(Personas.Support, PortalRoles.ExecutiveViewer);
        var admins = await AskAsync(Personas.Admin, PortalRoles.ExecutiveViewer);

        var own = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Requests.ApproveAsync(Personas.Support, supports.Id, null));
        Assert.Equal("Nobody decides their own request: another support engineer or administrator must.", own.Message);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Requests.RejectAsync(Personas.Admin, admins.Id, "no"));
        Assert.Equal(AccessRequestState.Approved, (await Requests.ApproveAsync(OtherSupport, supports.Id, null)).State);

        // A write that skips the service (a script, a bug) meets the database's check constraint.
        var written = await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => DbAsync(db => db.Set<AccessRequest>().Where(r => r.Id == admins.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.DecidedById, r => r.RequesterId).SetProperty(r => r.State, AccessRequestState.Approved))));
        Assert.Contains("CHECK constraint failed: CK_AccessRequests_NotDecidedByRequester", written.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Privileged_roles_are_decided_by_administrators_only_and_never_granted_until_revoked()
    {
        var forever = await Assert.ThrowsAsync<PortalValidationException>(() => AskAsync(Newcomer, PortalRoles.DeploymentsApprover, null));
        Assert.Contains("durationDays", forever.Errors.Keys);
        var request = await AskAsync(Newcomer, PortalRoles.DeploymentsApprover, 90);

        var support = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Requests.ApproveAsync(Personas.Support, request.Id, null));
        Assert.Equal("Deployments.Approver is privileged: only an administrator decides it.", support.Message);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Requests.ApproveAsync(Personas.Auditor, request.Id, null));
        Assert.Equal(AccessRequestState.Approved, (await Requests.ApproveAsync(Personas.Admin, request.Id, "Model-risk team")).State);
    }

    [Fact]
    public async Task Requests_are_validated_field_by_field_and_one_pending_request_per_role()
    {
        var invalid = await Assert.ThrowsAsync<PortalValidationException>(() =>
            Requests.SubmitAsync(Newcomer, new AccessRequestInput("Models.Owner", "short", 45)));
        Assert.Equal(["durationDays", "justification", "role"], invalid.Errors.Keys.Order(StringComparer.Ordinal));
        var held = await Assert.ThrowsAsync<PortalValidationException>(() => AskAsync(Personas.Contributor, PortalRoles.ModelsContributor));
        Assert.Equal("You already hold Models.Contributor.", held.Errors["role"].Single());

        await AskAsync(Newcomer, PortalRoles.BusinessViewer);
        var twice = await Assert.ThrowsAsync<PortalConflictException>(() => AskAsync(Newcomer, PortalRoles.BusinessViewer));
        Assert.Contains("already have a pending request for Business.Viewer", twice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_nobody_decides_in_fourteen_days_expire_and_cannot_be_decided_afterwards()
    {
        var request = await AskAsync(Newcomer, PortalRoles.BusinessViewer);
        var job = Services.GetRequiredService<AccessExpiryJob>();

        Clock.Advance(TimeSpan.FromDays(14) - TimeSpan.FromMinutes(1));
        Assert.Equal(0, (await job.RunAsync(CancellationToken.None)).RequestsExpired);
        Clock.Advance(TimeSpan.FromMinutes(1));
        // Past its end it cannot be approved even before the job has run.
        var late = await Assert.ThrowsAsync<PortalConflictException>(() => Requests.ApproveAsync(Personas.Support, request.Id, null));
        Assert.Contains("expired", late.Message, StringComparison.Ordinal);

        Assert.Equal(1, (await job.RunAsync(CancellationToken.None)).RequestsExpired);
        Assert.Equal(0, (await job.RunAsync(CancellationToken.None)).RequestsExpired);

        Assert.Equal(AccessRequestState.Expired, (await Requests.GetAsync(Newcomer, request.Id)).State);
        Assert.Equal(1, await AuditCountAsync(AccessRequests.ExpiredAction, Newcomer.Id));
        Assert.Single(await NoticesOfAsync(Newcomer.Id), n => n.StartsWith("Your request for Business.Viewer expired", StringComparison.Ordinal));
    }

    [Fact]
    public async Task People_see_their_own_requests_and_support_sees_everyones()
    {
        await AskAsync(Newcomer, PortalRoles.BusinessViewer);
        await AskAsync(Personas.Contributor, PortalRoles.BusinessViewer);

        Assert.Equal(1, (await Requests.ListAsync(Newcomer, new AccessRequestQuery())).TotalCount);
        Assert.Equal(2, (await Requests.ListAsync(Personas.Support, new AccessRequestQuery(AccessRequestState.Pending))).TotalCount);
        var other = (await Requests.ListAsync(Personas.Support, new AccessRequestQuery())).Items.Single(r => r.RequesterId == Personas.Contributor.Id);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Requests.GetAsync(Newcomer, other.Id));
    }
}
