using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Infrastructure.Auth;

/// <summary>
/// The roles a person holds now: those their sign-in carried, plus the portal's active grants, minus the roles the
/// portal removed (revoked, expired, or denied in a review). Applied to every request's principal, to every
/// authorization decision (pages, endpoints, service calls) and to open circuits, so a change takes effect on the
/// person's next action. What it read is kept a few seconds per person; a change made on this instance forgets it at
/// once, a change on another instance is seen within <see cref="CacheFor"/>.
/// </summary>
public sealed class CurrentRoles(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private sealed record PersonAccess(IReadOnlyList<(string Role, DateTime? EndsAtUtc)> Grants, IReadOnlySet<string> Removed, long LoadedAt);

    private readonly ConcurrentDictionary<string, PersonAccess> cache = new(StringComparer.Ordinal);

    /// <summary>Call after saving a grant, revocation or removal for <paramref name="personId"/>.</summary>
    public void Forget(string personId) => cache.TryRemove(personId, out _);

    /// <summary>The roles <paramref name="signedInRoles"/> become for <paramref name="personId"/> now.</summary>
    public async Task<IReadOnlyList<string>> OfAsync(string personId, IEnumerable<string> signedInRoles, CancellationToken cancellationToken = default)
    {
        var access = await AccessAsync(personId, cancellationToken);
        return Combine(signedInRoles, access.Grants, access.Removed, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>The signed-in roles without the removed ones, with the grants still running at <paramref name="nowUtc"/>.</summary>
    public static IReadOnlyList<string> Combine(
        IEnumerable<string> signedInRoles, IEnumerable<(string Role, DateTime? EndsAtUtc)> grants, IReadOnlySet<string> removed, DateTime nowUtc) =>
        signedInRoles.Where(r => !removed.Contains(r))
            .Concat(grants.Where(g => g.EndsAtUtc is null || g.EndsAtUtc > nowUtc).Select(g => g.Role))
            .Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The principal with its roles brought up to date; the same instance when nothing changed. API keys carry their
    /// own scopes and are left as they are.
    /// </summary>
    public async Task<ClaimsPrincipal> ApplyAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity is not ClaimsIdentity { IsAuthenticated: true } identity
            || identity.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName
            || principal.UserId() is not { } personId)
        {
            return principal;
        }

        var held = principal.Roles();
        var current = await OfAsync(personId, held, cancellationToken);
        if (held.Count == current.Count && held.All(current.Contains))
        {
            return principal;
        }

        var updated = new ClaimsIdentity(
            identity.Claims.Where(c => c.Type != PortalRoles.ClaimType && c.Type != ClaimTypes.Role && c.Type != identity.RoleClaimType),
            identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType);
        updated.AddClaims(current.Select(role => new Claim(identity.RoleClaimType, role)));
        return new ClaimsPrincipal(updated);
    }

    private async Task<PersonAccess> AccessAsync(string personId, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(personId, out var cached) && Stopwatch.GetElapsedTime(cached.LoadedAt) < CacheFor)
        {
            return cached;
        }

        var loadedAt = Stopwatch.GetTimestamp();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var grants = await db.Set<RoleGrant>().AsNoTracking().Where(g => g.PersonId == personId && g.EndedAtUtc == null)
            .Select(g => new { g.Role, g.EndsAtUtc }).ToListAsync(cancellationToken);
        var removed = await db.Set<RoleRemoval>().AsNoTracking().Where(r => r.PersonId == personId && r.ClearedAtUtc == null)
            .Select(r => r.Role).ToListAsync(cancellationToken);
        var access = new PersonAccess([.. grants.Select(g => (g.Role, g.EndsAtUtc))], removed.ToHashSet(StringComparer.Ordinal), loadedAt);
        cache[personId] = access;
        return access;
    }
}
