using Hangfire;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Infrastructure.Jobs;

namespace MlOpsPortal.Features.Access;

/// <summary>One difference between where roles live (Entra) and the portal's grants.</summary>
/// <param name="Kind"><see cref="DriftFinding.Outside"/> or <see cref="DriftFinding.Missing"/>.</param>
/// <param name="AssignmentId">The Entra assignment (outside), or the one the grant names (missing).</param>
/// <param name="GrantId">The portal grant Entra no longer holds (missing only).</param>
public sealed record DriftFinding(string PersonId, string? PersonName, string Role, string Kind, string? AssignmentId, int? GrantId)
{
    /// <summary>Entra holds the assignment, but no active portal grant gives the role (assigned in Entra directly, or before the portal).</summary>
    public const string Outside = "outside";

    /// <summary>An active portal grant whose Entra assignment is gone (removed in Entra, or never made).</summary>
    public const string Missing = "missing";
}

/// <summary>
/// A drift check. <see cref="Compared"/> is false where nothing lives outside the portal (portal provisioning). The
/// counts are the whole; the lists read back from the audit log stop at <see cref="AccessDriftJob.MaxListed"/> each.
/// </summary>
public sealed record DriftReport(DateTime CheckedAtUtc, bool Compared, IReadOnlyList<DriftFinding> Outside, IReadOnlyList<DriftFinding> Missing)
{
    public int OutsideCount { get; init; } = Outside.Count;

    public int MissingCount { get; init; } = Missing.Count;
}

/// <summary>
/// Daily: compares the Entra app role assignments of the portal's app roles with the portal's active grants, and
/// records what differs as one audit event (<see cref="CheckedAction"/>) for the auditors. It changes nothing: a role
/// given outside the portal is for a person to judge (an access review removes it), and so is a grant Entra lost.
/// Derived from Entra and the database alone, so a rerun only records another check.
/// </summary>
public sealed class AccessDriftJob(IDbContextFactory<PortalDbContext> dbFactory, IRoleProvisioner provisioner, TimeProvider clock)
{
    public const string RecurringId = "access-drift";
    public const string CheckedAction = "access.drift-checked";

    /// <summary>Findings of each kind the audit event lists; a tenant whose roles all predate the portal would otherwise write megabytes a day.</summary>
    public const int MaxListed = 500;

    public async Task<DriftReport> RunAsync(CancellationToken cancellationToken)
    {
        var external = await provisioner.ListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var report = external is null
            ? new DriftReport(now, false, [], [])
            : Compare(external, await db.Set<RoleGrant>().AsNoTracking()
                .Where(g => g.EndedAtUtc == null && (g.EndsAtUtc == null || g.EndsAtUtc > now)).ToListAsync(cancellationToken), now);
        db.AddAuditEvent(AuditActor.System, CheckedAction, "Access", null, new StoredDriftReport(
            report.CheckedAtUtc, provisioner.Name, report.Compared, report.OutsideCount, report.MissingCount,
            [.. report.Outside.Take(MaxListed)], [.. report.Missing.Take(MaxListed)]));
        await db.SaveChangesAsync(cancellationToken);
        return report;
    }

    /// <summary>
    /// An assignment is matched by its id, or else by person and role (re-assigned in Entra by hand: the person is still
    /// entitled); a grant likewise. Only grants Graph applied can be missing: portal-held grants never lived in Entra.
    /// </summary>
    internal static DriftReport Compare(IReadOnlyList<ExternalAssignment> external, IReadOnlyList<RoleGrant> activeGrants, DateTime now)
    {
        var grantIds = activeGrants.Where(g => g.ExternalAssignmentId is not null).Select(g => g.ExternalAssignmentId!).ToHashSet(StringComparer.Ordinal);
        var granted = activeGrants.Select(g => Key(g.PersonId, g.Role)).ToHashSet();
        var assignmentIds = external.Select(a => a.AssignmentId).ToHashSet(StringComparer.Ordinal);
        var assigned = external.Select(a => Key(a.PersonId, a.Role)).ToHashSet();
        List<DriftFinding> outside = [.. external
            .Where(a => !grantIds.Contains(a.AssignmentId) && !granted.Contains(Key(a.PersonId, a.Role)))
            .Select(a => new DriftFinding(a.PersonId, a.PersonName, a.Role, DriftFinding.Outside, a.AssignmentId, null))
            .OrderBy(f => f.PersonName, StringComparer.CurrentCulture).ThenBy(f => f.Role, StringComparer.Ordinal)];
        List<DriftFinding> missing = [.. activeGrants
            .Where(g => g.ExternalAssignmentId is { } id && !assignmentIds.Contains(id) && !assigned.Contains(Key(g.PersonId, g.Role)))
            .Select(g => new DriftFinding(g.PersonId, g.PersonName, g.Role, DriftFinding.Missing, g.ExternalAssignmentId, g.Id))
            .OrderBy(f => f.PersonName, StringComparer.CurrentCulture).ThenBy(f => f.Role, StringComparer.Ordinal)];
        return new DriftReport(now, true, outside, missing);
    }

    // Entra writes object ids in lower case; an id typed or copied elsewhere may not be.
    private static (string Person, string Role) Key(string personId, string role) => (personId.ToLowerInvariant(), role);
}

/// <summary>The details of a <see cref="AccessDriftJob.CheckedAction"/> audit event, as <see cref="AccessDrift"/> reads them back.</summary>
internal sealed record StoredDriftReport(
    DateTime CheckedAtUtc, string Provisioning, bool Compared, int OutsideCount, int MissingCount, List<DriftFinding> Outside, List<DriftFinding> Missing);
