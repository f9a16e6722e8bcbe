using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Architecture;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Access;

/// <summary>A person as they stood at one instant: the name of their last sign-in by then and the roles they held then.</summary>
[FeatureContract]
public sealed record PersonAsOf(string Id, string Name, IReadOnlyList<string> Roles, IReadOnlyList<string> SegregationWarnings);

/// <summary>One change to who holds a role, from the audit log.</summary>
/// <param name="Change">"Granted", "Revoked", "Expired" or "Removed by access review".</param>
[FeatureContract]
public sealed record RoleChange(DateTime OccurredAtUtc, string PersonId, string PersonName, string Role, string Change, string ByName, int? RequestId, string? Reason);

/// <summary>
/// What the security audit and the usage report's name reveal need from Access, as of a given time and without a signed-in
/// caller (reports are built by a job; the report's own roles guard who reads them).
/// </summary>
[FeatureContract]
public sealed class AccessAuditFacts(IDbContextFactory<PortalDbContext> dbFactory)
{
    private static readonly IReadOnlyDictionary<string, string> Changes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [AccessGrants.GrantedAction] = "Granted",
        [AccessGrants.RevokedAction] = "Revoked",
        [AccessGrants.ExpiredAction] = "Expired",
        [AccessGrants.RemovedAction] = "Removed by access review",
    };

    /// <summary>
    /// Everyone who had signed in by <paramref name="asOfUtc"/>, with the roles they held at that instant: those their last
    /// sign-in by then carried, less the removals in force then, plus the portal grants running then. Ordered by name.
    /// </summary>
    public async Task<IReadOnlyList<PersonAsOf>> PeopleAsOfAsync(DateTime asOfUtc, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var latest = await db.AuditEvents.AsNoTracking().Where(e => e.Action == PeopleDirectory.SignInAction && e.EntityId != null && e.OccurredAtUtc <= asOfUtc)
            .GroupBy(e => e.EntityId!).Select(g => g.Max(e => e.Sequence)).ToListAsync(cancellationToken);
        var signIns = await db.AuditEvents.AsNoTracking().Where(e => latest.Contains(e.Sequence))
            .Select(e => new { Id = e.EntityId!, e.ActorName, e.Details }).ToListAsync(cancellationToken);
        // Grants and removals as they stood then: started by then, not yet ended (or cleared) by then.
        var grants = (await db.Set<RoleGrant>().AsNoTracking()
                .Where(g => g.GrantedAtUtc <= asOfUtc && (g.EndedAtUtc == null || g.EndedAtUtc > asOfUtc))
                .Select(g => new { g.PersonId, g.Role, g.EndsAtUtc }).ToListAsync(cancellationToken))
            .ToLookup(g => g.PersonId, g => (g.Role, g.EndsAtUtc));
        var removed = (await db.Set<RoleRemoval>().AsNoTracking()
                .Where(r => r.RemovedAtUtc <= asOfUtc && (r.ClearedAtUtc == null || r.ClearedAtUtc > asOfUtc))
                .Select(r => new { r.PersonId, r.Role }).ToListAsync(cancellationToken))
            .ToLookup(r => r.PersonId, r => r.Role);
        return [.. signIns.Select(s =>
            {
                var roles = CurrentRoles.Combine(PeopleDirectory.Read(s.Details).Roles, grants[s.Id], removed[s.Id].ToHashSet(StringComparer.Ordinal), asOfUtc)
                    .Order(StringComparer.Ordinal).ToList();
                return new PersonAsOf(s.Id, s.ActorName, roles, PeopleDirectory.SegregationWarnings(roles));
            })
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Id, StringComparer.Ordinal)];
    }

    /// <summary>Whether a role is one whose holders an auditor watches (administration, approving deployments).</summary>
    public static bool IsPrivileged(string role) => AccessGrants.IsPrivileged(role);

    /// <summary>Grants, revocations, expiries and removals of roles in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>), oldest first.</summary>
    public async Task<IReadOnlyList<RoleChange>> RoleChangesAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken = default)
    {
        var actions = Changes.Keys.ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var events = await db.AuditEvents.AsNoTracking()
            .Where(e => actions.Contains(e.Action) && e.OccurredAtUtc >= fromUtc && e.OccurredAtUtc < toUtc)
            .OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        return [.. events.Select(e =>
        {
            using var json = JsonDocument.Parse(e.Details ?? "{}");
            var details = json.RootElement;
            return new RoleChange(
                DateTime.SpecifyKind(e.OccurredAtUtc, DateTimeKind.Utc), e.EntityId ?? string.Empty, Text(details, "person") ?? e.EntityId ?? string.Empty,
                Text(details, "role") ?? string.Empty, Changes[e.Action], e.ActorName,
                details.TryGetProperty("requestId", out var request) && request.ValueKind == JsonValueKind.Number ? request.GetInt32() : null,
                Text(details, "reason"));
        })];
    }

    /// <summary>The display name of each person who has signed in, from their latest sign-in, by id.</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var latest = await db.AuditEvents.AsNoTracking().Where(e => e.Action == PeopleDirectory.SignInAction && e.EntityId != null)
            .GroupBy(e => e.EntityId!).Select(g => g.Max(e => e.Sequence)).ToListAsync(cancellationToken);
        return await db.AuditEvents.AsNoTracking().Where(e => latest.Contains(e.Sequence))
            .ToDictionaryAsync(e => e.EntityId!, e => e.ActorName, StringComparer.Ordinal, cancellationToken);
    }

    private static string? Text(JsonElement details, string name) =>
        details.ValueKind == JsonValueKind.Object && details.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
