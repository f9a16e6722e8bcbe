using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Infrastructure.Auth;

/// <summary>Starts, checks and ends the server-side sessions that sign-in cookies name.</summary>
public sealed class PortalSessionStore(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>The claim in the cookie that names its session.</summary>
    public const string ClaimType = "portal_sid";

    // Every request asks this (the cookie's check), so the query is compiled rather than looked up in EF's query cache
    // each time: that lookup (parameter extraction, hashing the expression) was most of its cost.
    private static readonly PerModelQuery<Func<PortalDbContext, string, DateTime, Task<bool>>> Active = new(() => EF.CompileAsyncQuery(
        (PortalDbContext db, string id, DateTime now) => db.Set<PortalSession>().Any(s => s.Id == id && s.EndedAt == null && s.ExpiresAt > now)));

    public static string? SessionIdOf(ClaimsPrincipal? user) => user?.FindFirst(ClaimType)?.Value;

    public async Task<string> StartAsync(string userId, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var session = new PortalSession
        {
            Id = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)),
            UserId = userId,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // A refused cookie needs no row, so this person's finished sessions go: the table holds live ones only.
        await db.Set<PortalSession>().Where(s => s.UserId == userId && (s.EndedAt != null || s.ExpiresAt <= now))
            .ExecuteDeleteAsync(cancellationToken);
        db.Set<PortalSession>().Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session.Id;
    }

    public async Task<bool> IsActiveAsync(string? sessionId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(sessionId))
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Active.For(db)(db, sessionId, now);
    }

    /// <summary>Sliding expiration: the cookie was renewed, so the session lives as long as the new cookie.</summary>
    public async Task ExtendAsync(string sessionId, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var expires = clock.GetUtcNow().UtcDateTime + lifetime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Set<PortalSession>().Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.ExpiresAt, expires), cancellationToken);
    }

    public async Task EndAsync(string sessionId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Set<PortalSession>().Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now), cancellationToken);
    }
}
