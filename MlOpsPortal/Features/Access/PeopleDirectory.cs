using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Access;

/// <summary>Someone who has signed in, as their latest sign-in described them.</summary>
public sealed record PersonSummary(
    string Id, string Name, string? PrincipalName, IReadOnlyList<string> Roles, DateTime FirstSignInUtc, DateTime LastSignInUtc, int SignIns);

/// <summary>When a person last used one of their roles, and what counts as using it.</summary>
public sealed record RoleUse(string Role, string Measure, DateTime? LastUsedUtc, string? LastAction);

/// <summary>A role a person holds now and where it comes from: their Entra app role assignment, or a portal grant (with its end).</summary>
public sealed record HeldRole(string Role, string Source, DateTime? GrantEndsAtUtc);

/// <summary>One person for their page and their access review.</summary>
/// <param name="OwnModelApprovals">
/// Approvals they recorded of deployments of models they contributed to: the evidence beside <paramref name="SegregationWarnings"/>
/// that maker-checker held (none) or did not.
/// </param>
public sealed record PersonView(
    PersonSummary Person, IReadOnlyList<RoleUse> RoleUses, IReadOnlyList<string> SegregationWarnings, IReadOnlyList<HeldRole> HeldRoles,
    IReadOnlyList<OwnModelApproval> OwnModelApprovals);

public sealed record PeopleQuery(string? Search = null, string? Role = null, int PageIndex = 0, int PageSize = 25);

/// <summary>
/// Everyone who has signed in, read from the audit log, which records every sign-in with the person's roles: no second
/// record to keep in step. What a person last did with each role comes from the same log (their last approval, the
/// last model they registered, the last incident they worked, their last admin change).
/// </summary>
public sealed class PeopleDirectory(
    IDbContextFactory<PortalDbContext> dbFactory, IAuthorizationService authorization, MakerCheckerEvidence makerChecker, TimeProvider clock)
{
    public const string SignInAction = "auth.sign-in";

    /// <summary>The actions that count as using a role. Roles that only read have none: their last use is their last sign-in.</summary>
    private static readonly (string Role, string Measure, string[] Actions)[] Uses =
    [
        (PortalRoles.Admin, "last admin change",
            ["registry-settings.updated", "environment-policy.updated", "deployment-webhook.updated", "incident-settings.updated", "api-key.created", "api-key.revoked"]),
        (PortalRoles.ModelsContributor, "last registry or quality work (model, version, card, dataset, sample, check suite, deployment request)",
            ["model.created", "model.updated", "model-version.registered", "model-card.updated", "dataset.created", "dataset-version.registered",
             "quality-sample.uploaded", "quality-suite.saved", "deployment-request.created"]),
        (PortalRoles.DeploymentsApprover, "last approval decided",
            ["deployment-request.approval-recorded", "deployment-request.approved", "deployment-request.reapproved", "deployment-request.rejected"]),
        (PortalRoles.SupportEngineer, "last incident worked",
            ["incident.acknowledged", "incident.put-on-hold", "incident.resumed", "incident.resolved", "incident.closed", "incident.cancelled", "incident.reopened",
             "incident.assigned", "incident.escalated", "incident.commented", "incident.review-saved"]),
    ];

    private const string WhoMaySee = "Support engineers, auditors and administrators see who has access.";

    /// <summary>Everyone who has signed in, by name, however many: for choosing one person (the access log's filter).</summary>
    public async Task<IReadOnlyList<PersonSummary>> EveryoneAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        await authorization.EnsureAsync(user, Policies.ViewPeople, WhoMaySee);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return [.. (await PeopleAsync(db, null, cancellationToken)).OrderBy(p => p.Name, StringComparer.CurrentCulture).ThenBy(p => p.Id, StringComparer.Ordinal)];
    }

    public async Task<Page<PersonSummary>> ListAsync(ClaimsPrincipal user, PeopleQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await authorization.EnsureAsync(user, Policies.ViewPeople, WhoMaySee);
        var size = Math.Clamp(query.PageSize, 1, 200);
        var index = Math.Max(query.PageIndex, 0);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        IEnumerable<PersonSummary> people = await PeopleAsync(db, null, cancellationToken);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var text = query.Search.Trim();
            people = people.Where(p => p.Name.Contains(text, StringComparison.OrdinalIgnoreCase)
                || (p.PrincipalName?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false) || p.Id == text);
        }

        if (!string.IsNullOrWhiteSpace(query.Role))
        {
            people = people.Where(p => p.Roles.Contains(query.Role, StringComparer.Ordinal));
        }

        var list = people.OrderByDescending(p => p.LastSignInUtc).ToList();
        return new Page<PersonSummary>([.. list.Skip(index * size).Take(size)], list.Count, index, size);
    }

    public async Task<PersonView?> GetAsync(ClaimsPrincipal user, string id, CancellationToken cancellationToken = default)
    {
        await authorization.EnsureAsync(user, Policies.ViewPeople, WhoMaySee);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if ((await PeopleAsync(db, id, cancellationToken)).SingleOrDefault() is not { } person)
        {
            return null;
        }

        var actions = Uses.SelectMany(u => u.Actions).ToList();
        var last = await db.AuditEvents.AsNoTracking().Where(e => e.ActorId == id && actions.Contains(e.Action))
            .GroupBy(e => e.Action).Select(g => new { Action = g.Key, At = g.Max(e => e.OccurredAtUtc) }).ToListAsync(cancellationToken);
        var uses = person.Roles.Order(StringComparer.Ordinal).Select(role =>
        {
            var use = Uses.FirstOrDefault(u => u.Role == role);
            if (use.Role is null)
            {
                return new RoleUse(role, "reads only: last sign-in holding it", person.LastSignInUtc, SignInAction);
            }

            var latest = last.Where(l => use.Actions.Contains(l.Action)).OrderByDescending(l => l.At).FirstOrDefault();
            return new RoleUse(role, use.Measure, latest?.At, latest?.Action);
        }).ToList();
        var granted = await db.Set<RoleGrant>().AsNoTracking().Where(g => g.PersonId == id && g.EndedAtUtc == null).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var held = person.Roles.Order(StringComparer.Ordinal).Select(role =>
            granted.Where(g => g.Role == role && g.IsActiveAt(now)).OrderByDescending(g => g.EndsAtUtc ?? DateTime.MaxValue).FirstOrDefault() is { } grant
                ? new HeldRole(role, PortalGrantSource, grant.EndsAtUtc)
                : new HeldRole(role, EntraSource, null)).ToList();
        var ownModelApprovals = await makerChecker.OwnModelApprovalsAsync(id, cancellationToken);
        return new PersonView(person, uses, SegregationWarnings(person.Roles), held, ownModelApprovals);
    }

    public const string EntraSource = "Entra app role assignment";
    public const string PortalGrantSource = "Portal grant";

    /// <summary>The ids of the people who hold any of <paramref name="roles"/> now (to tell them of a request to decide).</summary>
    internal async Task<IReadOnlyList<string>> HoldersAsync(PortalDbContext db, IReadOnlyCollection<string> roles, CancellationToken cancellationToken) =>
        [.. (await PeopleAsync(db, null, cancellationToken)).Where(p => p.Roles.Any(roles.Contains)).Select(p => p.Id)];

    /// <summary>Roles one person should not hold together: who builds a model should not also approve it.</summary>
    public static IReadOnlyList<string> SegregationWarnings(IReadOnlyList<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var warnings = new List<string>();
        if (roles.Contains(PortalRoles.ModelsContributor) && roles.Contains(PortalRoles.DeploymentsApprover))
        {
            warnings.Add("Holds both Models.Contributor and Deployments.Approver: the same person can build a model and approve its deployment (maker-checker still refuses their own).");
        }

        if (roles.Contains(PortalRoles.Admin) && (roles.Contains(PortalRoles.ModelsContributor) || roles.Contains(PortalRoles.DeploymentsApprover)))
        {
            warnings.Add("Holds Portal.Admin with a working role: an administrator can change the rules they work under.");
        }

        return warnings;
    }

    /// <summary>One summary per person who signed in: first, last and count from the sign-ins, the rest from the latest one.</summary>
    private async Task<IReadOnlyList<PersonSummary>> PeopleAsync(PortalDbContext db, string? id, CancellationToken cancellationToken)
    {
        var signIns = db.AuditEvents.AsNoTracking().Where(e => e.Action == SignInAction && e.EntityId != null);
        if (id is not null)
        {
            signIns = signIns.Where(e => e.EntityId == id);
        }

        var groups = await signIns.GroupBy(e => e.EntityId!)
            .Select(g => new { Id = g.Key, First = g.Min(e => e.OccurredAtUtc), Last = g.Max(e => e.OccurredAtUtc), Count = g.Count(), Latest = g.Max(e => e.Sequence) })
            .ToListAsync(cancellationToken);
        var latestSequences = groups.Select(g => g.Latest).ToList();
        var latest = await db.AuditEvents.AsNoTracking().Where(e => latestSequences.Contains(e.Sequence))
            .Select(e => new { e.Sequence, e.ActorName, e.Details }).ToDictionaryAsync(e => e.Sequence, cancellationToken);
        // Their roles now: what the latest sign-in carried, with the portal's grants and removals since (CurrentRoles).
        var grants = await db.Set<RoleGrant>().AsNoTracking().Where(g => g.EndedAtUtc == null && (id == null || g.PersonId == id))
            .Select(g => new { g.PersonId, g.Role, g.EndsAtUtc }).ToListAsync(cancellationToken);
        var removals = await db.Set<RoleRemoval>().AsNoTracking().Where(r => r.ClearedAtUtc == null && (id == null || r.PersonId == id))
            .Select(r => new { r.PersonId, r.Role }).ToListAsync(cancellationToken);
        var grantsOf = grants.ToLookup(g => g.PersonId, g => (g.Role, g.EndsAtUtc));
        var removedOf = removals.ToLookup(r => r.PersonId, r => r.Role);
        var now = clock.GetUtcNow().UtcDateTime;
        return [.. groups.Select(g =>
        {
            var signIn = latest[g.Latest];
            var (signedInRoles, upn) = Read(signIn.Details);
            var roles = CurrentRoles.Combine(signedInRoles, grantsOf[g.Id], removedOf[g.Id].ToHashSet(StringComparer.Ordinal), now);
            return new PersonSummary(g.Id, signIn.ActorName, upn, roles, g.First, g.Last, g.Count);
        })];
    }

    internal static (IReadOnlyList<string> Roles, string? PrincipalName) Read(string? details)
    {
        if (string.IsNullOrEmpty(details))
        {
            return ([], null);
        }

        using var json = JsonDocument.Parse(details);
        var root = json.RootElement;
        var roles = root.TryGetProperty("roles", out var r) && r.ValueKind == JsonValueKind.Array
            ? r.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
            : [];
        var upn = root.TryGetProperty("upn", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
        return (roles, upn);
    }
}
