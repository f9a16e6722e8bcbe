using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
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

public sealed record PersonView(PersonSummary Person, IReadOnlyList<RoleUse> RoleUses, IReadOnlyList<string> SegregationWarnings);

public sealed record PeopleQuery(string? Search = null, string? Role = null, int PageIndex = 0, int PageSize = 25);

/// <summary>
/// Everyone who has signed in, read from the audit log, which records every sign-in with the person's roles: no second
/// record to keep in step. What a person last did with each role comes from the same log (their last approval, the
/// last model they registered, the last incident they worked, their last admin change).
/// </summary>
public sealed class PeopleDirectory(IDbContextFactory<PortalDbContext> dbFactory, IAuthorizationService authorization)
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

    public async Task<Page<PersonSummary>> ListAsync(ClaimsPrincipal user, PeopleQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await authorization.EnsureAsync(user, Policies.ViewPeople, "Support engineers, auditors and administrators see who has access.");
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
        await authorization.EnsureAsync(user, Policies.ViewPeople, "Support engineers, auditors and administrators see who has access.");
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
        return new PersonView(person, uses, SegregationWarnings(person.Roles));
    }

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
    private static async Task<IReadOnlyList<PersonSummary>> PeopleAsync(PortalDbContext db, string? id, CancellationToken cancellationToken)
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
        return [.. groups.Select(g =>
        {
            var signIn = latest[g.Latest];
            var (roles, upn) = Read(signIn.Details);
            return new PersonSummary(g.Id, signIn.ActorName, upn, roles, g.First, g.Last, g.Count);
        })];
    }

    private static (IReadOnlyList<string> Roles, string? PrincipalName) Read(string? details)
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
