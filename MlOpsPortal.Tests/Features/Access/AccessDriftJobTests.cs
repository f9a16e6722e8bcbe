using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Access;

public sealed class AccessDriftJobTests : IAsyncLifetime
{
    private const string Pat = "0a6b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
    private const string Sam = "1b2c3d4e-5f60-4a7b-9c8d-9e0f1a2b3c4d";
    private const string Cleo = "2c3d4e5f-6071-4b8c-8d9e-0f1a2b3c4d5e";
    private const string Dan = "4e5f6071-8293-4dae-afb0-2b3c4d5e6f70";

    private readonly GraphPortal portal = new();

    public Task InitializeAsync() => portal.InitializeAsync();

    public Task DisposeAsync() => portal.DisposeAsync();

    [Fact]
    public async Task The_check_lists_roles_assigned_outside_the_portal_and_grants_Entra_lost_in_one_audit_event()
    {
        var graph = portal.Graph;
        graph.PageSize = 2;
        graph.Assign(Pat, "Pat Before-the-portal", "Models.Contributor");
        var sams = graph.Assign(Sam, "Sam Granted", "Support.Engineer");
        graph.Assign("3d4e5f60-7182-4c9d-9eaf-1a2b3c4d5e6f", "ML engineers", "Portal.Admin", "Group");
        graph.Assign("5f607182-93a4-4ebf-8c01-3c4d5e6f7081", "Release pipeline", "Registry.Write", "ServicePrincipal");
        graph.Assign(Dan, "Dan Reassigned", "Compliance.Auditor");
        await portal.QueryAsync(async db =>
        {
            db.Set<RoleGrant>().AddRange(
                Grant(Sam, "Sam Granted", "Support.Engineer", sams.Id),
                Grant(Cleo, "Cleo Lost", "Compliance.Auditor", "assignment-removed-in-entra"),
                Grant(Dan, "Dan Reassigned", "Compliance.Auditor", "assignment-replaced-by-hand"),
                Grant(Pat, "Pat Revoked", "Portal.Admin", "assignment-revoked", endedAtUtc: DateTime.UtcNow.AddDays(-1)));
            return await db.SaveChangesAsync();
        });

        var report = await portal.Services.GetRequiredService<AccessDriftJob>().RunAsync(CancellationToken.None);

        Assert.True(report.Compared);
        Assert.Equal(
            [("3d4e5f60-7182-4c9d-9eaf-1a2b3c4d5e6f", "ML engineers (group)", "Portal.Admin"), (Pat, "Pat Before-the-portal", "Models.Contributor")],
            report.Outside.Select(f => (f.PersonId, f.PersonName, f.Role)));
        var missing = Assert.Single(report.Missing);
        Assert.Equal((Cleo, "Compliance.Auditor", "assignment-removed-in-entra"), (missing.PersonId, missing.Role, missing.AssignmentId));
        var recorded = await portal.QueryAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Action == AccessDriftJob.CheckedAction).ToListAsync());
        var audit = Assert.Single(recorded);
        Assert.Equal(("system", "Access", null), (audit.ActorId, audit.EntityType, audit.EntityId));
        var details = JsonNode.Parse(audit.Details!)!;
        Assert.Equal(2, details["outsideCount"]!.GetValue<int>());
        Assert.Equal(1, details["missingCount"]!.GetValue<int>());
        Assert.Equal("Graph", details["provisioning"]!.GetValue<string>());
        Assert.Equal([Pat, "3d4e5f60-7182-4c9d-9eaf-1a2b3c4d5e6f"], details["outside"]!.AsArray().Select(f => f!["personId"]!.GetValue<string>()).Order());
        Assert.Equal("outside", details["outside"]![0]!["kind"]!.GetValue<string>());
        Assert.Equal(Cleo, details["missing"]![0]!["personId"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_latest_check_is_read_back_for_those_who_see_who_has_access()
    {
        var drift = portal.Services.GetRequiredService<AccessDrift>();
        Assert.Null(await drift.LatestAsync(Personas.Auditor.Principal));
        portal.Graph.Assign(Pat, "Pat Before-the-portal", "Models.Contributor");
        await portal.Services.GetRequiredService<AccessDriftJob>().RunAsync(CancellationToken.None);
        portal.Graph.Assign(Sam, "Sam Later", "Support.Engineer");
        var latest = await portal.Services.GetRequiredService<AccessDriftJob>().RunAsync(CancellationToken.None);

        var read = await drift.LatestAsync(Personas.Support.Principal);

        Assert.NotNull(read);
        Assert.True(read.Compared);
        Assert.Equal(2, read.OutsideCount);
        Assert.Equal(latest.Outside, read.Outside);
        Assert.Equal(latest.CheckedAtUtc, read.CheckedAtUtc);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => drift.LatestAsync(Personas.Contributor.Principal));
    }

    [Fact]
    public async Task Without_the_Graph_permission_the_check_fails_and_records_nothing()
    {
        portal.Graph.Forbidden = true;

        var refused = await Assert.ThrowsAsync<ProvisioningException>(() => portal.Services.GetRequiredService<AccessDriftJob>().RunAsync(CancellationToken.None));

        Assert.Contains("AppRoleAssignment.ReadWrite.All", refused.Message, StringComparison.Ordinal);
        Assert.False(await portal.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AccessDriftJob.CheckedAction)));
    }

    private static RoleGrant Grant(string personId, string name, string role, string assignmentId, DateTime? endedAtUtc = null) => new()
    {
        PersonId = personId, PersonName = name, Role = role, Provisioning = AccessOptions.Graph, ExternalAssignmentId = assignmentId,
        GrantedById = Personas.Support.Id, GrantedByName = Personas.Support.Name, GrantedAtUtc = DateTime.UtcNow.AddDays(-10),
        EndedAtUtc = endedAtUtc, EndedById = endedAtUtc is null ? null : Personas.Support.Id, EndedByName = endedAtUtc is null ? null : Personas.Support.Name,
        EndReason = endedAtUtc is null ? null : "No longer needed.",
    };
}
