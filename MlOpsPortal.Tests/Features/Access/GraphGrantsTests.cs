using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Access;

/// <summary>Approvals and revocations of the portal configured for Graph: Entra and the portal's records change together or not at all.</summary>
public sealed class GraphGrantsTests : IAsyncLifetime
{
    private static readonly Persona Rita = Personas.Custom("6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d", "Rita Requester");
    private static readonly Persona Otto = Personas.Custom("7b8c9d0e-1f2a-4b3c-9d4e-5f6a7b8c9d0e", "Otto Observer");

    private readonly GraphPortal portal = new();

    private AccessRequests Requests => portal.Services.GetRequiredService<AccessRequests>();

    public Task InitializeAsync() => portal.InitializeAsync();

    public Task DisposeAsync() => portal.DisposeAsync();

    [Fact]
    public async Task An_approved_request_is_an_Entra_assignment_and_its_revocation_removes_it()
    {
        var request = await Requests.SubmitAsync(Rita.Principal, new AccessRequestInput(PortalRoles.ModelsContributor, "I train the churn model.", 30));

        await Requests.ApproveAsync(Personas.Support.Principal, request.Id, null);
        var grant = await portal.QueryAsync(db => db.Set<RoleGrant>().AsNoTracking().SingleAsync(g => g.PersonId == Rita.Id));
        var assignment = Assert.Single(portal.Graph.Assignments);
        Assert.Equal((AccessOptions.Graph, assignment.Id), (grant.Provisioning, grant.ExternalAssignmentId));
        Assert.Equal(portal.Graph.AppRoles[PortalRoles.ModelsContributor], assignment.AppRoleId);

        await portal.Services.GetRequiredService<AccessGrants>().RevokeAsync(Personas.Support.Principal, grant.Id, "Moved to another team.");

        Assert.Empty(portal.Graph.Assignments);
    }

    [Fact]
    public async Task When_Graph_refuses_the_approval_nothing_is_recorded_and_the_request_stays_pending()
    {
        var request = await Requests.SubmitAsync(Rita.Principal, new AccessRequestInput(PortalRoles.ModelsContributor, "I train the churn model.", 30));
        portal.Graph.Forbidden = true;

        var refused = await Assert.ThrowsAsync<ProvisioningException>(() => Requests.ApproveAsync(Personas.Support.Principal, request.Id, null));

        Assert.Contains("AppRoleAssignment.ReadWrite.All", refused.Message, StringComparison.Ordinal);
        Assert.Equal(AccessRequestState.Pending, (await Requests.GetAsync(Rita.Principal, request.Id)).State);
        Assert.False(await portal.QueryAsync(db => db.Set<RoleGrant>().AnyAsync()));
        Assert.False(await portal.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AccessGrants.GrantedAction)));
        Assert.Empty(portal.Graph.Assignments);
    }

    [Fact]
    public async Task While_Graph_assigns_an_approved_role_the_portals_other_writes_go_on()
    {
        var request = await Requests.SubmitAsync(Rita.Principal, new AccessRequestInput(PortalRoles.ModelsContributor, "I train the churn model.", 30));
        Task<AccessRequestView>? meanwhile = null;
        portal.Graph.WhileAssigning(async () =>
        {
            // Another person's request (a write with its audit event) while the approval waits for Graph: it must not wait
            // for Graph too, as it did when the approval called Graph inside its transaction (SQLite's one writer).
            meanwhile = Requests.SubmitAsync(Otto.Principal, new AccessRequestInput(PortalRoles.ComplianceAuditor, "I audit the models.", 30));
            await ((Task)meanwhile).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        });

        await Requests.ApproveAsync(Personas.Support.Principal, request.Id, null);

        var saved = await meanwhile!;
        Assert.Equal(AccessRequestState.Pending, (await Requests.GetAsync(Otto.Principal, saved.Id)).State);
        var grant = await portal.QueryAsync(db => db.Set<RoleGrant>().AsNoTracking().SingleAsync(g => g.PersonId == Rita.Id));
        Assert.Equal(Assert.Single(portal.Graph.Assignments).Id, grant.ExternalAssignmentId);
    }

    [Fact]
    public async Task Two_deciders_racing_on_one_request_give_one_grant_and_the_loser_leaves_its_Entra_assignment_in_place()
    {
        var request = await Requests.SubmitAsync(Rita.Principal, new AccessRequestInput(PortalRoles.ModelsContributor, "I train the churn model.", 30));
        // While the support engineer's approval waits for Graph, an administrator approves the same request and is done first.
        portal.Graph.WhileAssigning(() => Requests.ApproveAsync(Personas.Admin.Principal, request.Id, "I know Rita's work."));

        var conflict = await Assert.ThrowsAsync<PortalConflictException>(() => Requests.ApproveAsync(Personas.Support.Principal, request.Id, null));

        Assert.Contains($"already approved by {Personas.Admin.Name}", conflict.Message, StringComparison.Ordinal);
        var grant = await portal.QueryAsync(db => db.Set<RoleGrant>().AsNoTracking().SingleAsync());
        Assert.Equal((Rita.Id, Personas.Admin.Name), (grant.PersonId, grant.GrantedByName));
        // The loser's call found the winner's assignment in Entra and took it over; taking it back would have left the
        // winner's grant with no role behind it.
        Assert.Equal(Assert.Single(portal.Graph.Assignments).Id, grant.ExternalAssignmentId);
        Assert.Equal(1, await portal.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == AccessGrants.GrantedAction)));
    }

    [Fact]
    public async Task When_a_rejection_gets_there_first_the_role_the_approval_assigned_in_Entra_is_taken_back()
    {
        var conflict = await ApproveWhileAnAdministratorRejectsAsync();

        Assert.Contains($"already rejected by {Personas.Admin.Name}", conflict.Message, StringComparison.Ordinal);
        Assert.False(await portal.QueryAsync(db => db.Set<RoleGrant>().AnyAsync()));
        Assert.Empty(portal.Graph.Assignments);
        Assert.Single(portal.Graph.Requests, r => r.Method == "DELETE");
    }

    [Fact]
    public async Task When_the_approval_is_not_saved_a_role_the_person_held_in_Entra_before_stays()
    {
        var before = portal.Graph.Assign(Rita.Id, Rita.Name, PortalRoles.ModelsContributor);
        await ApproveWhileAnAdministratorRejectsAsync();

        Assert.Equal(AccessRequestState.Rejected, Assert.Single((await Requests.ListAsync(Rita.Principal, new AccessRequestQuery(MineOnly: true))).Items).State);
        Assert.Equal(before.Id, Assert.Single(portal.Graph.Assignments).Id);
        Assert.DoesNotContain(portal.Graph.Requests, r => r.Method == "DELETE");
    }

    /// <summary>Rita asks for a role; while the support engineer's approval waits for Graph, an administrator rejects it and is done first.</summary>
    private async Task<PortalConflictException> ApproveWhileAnAdministratorRejectsAsync()
    {
        var request = await Requests.SubmitAsync(Rita.Principal, new AccessRequestInput(PortalRoles.ModelsContributor, "I train the churn model.", 30));
        portal.Graph.WhileAssigning(() => Requests.RejectAsync(Personas.Admin.Principal, request.Id, "Not this quarter."));
        return await Assert.ThrowsAsync<PortalConflictException>(() => Requests.ApproveAsync(Personas.Support.Principal, request.Id, null));
    }
}
