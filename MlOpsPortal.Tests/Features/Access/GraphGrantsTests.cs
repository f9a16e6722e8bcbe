using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Access;

/// <summary>Approvals and revocations of the portal configured for Graph: Entra and the portal's records change together or not at all.</summary>
public sealed class GraphGrantsTests : IAsyncLifetime
{
    private static readonly Persona Rita = Personas.Custom("6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d", "Rita Requester");

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
}
