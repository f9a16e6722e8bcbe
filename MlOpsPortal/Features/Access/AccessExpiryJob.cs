using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Notifications;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Access;

public sealed record AccessExpiryRunResult(int RequestsExpired, int GrantsEnded, int Warned, int Failed);

/// <summary>
/// Daily: expires access requests nobody decided in 14 days, warns people 7 days and 1 day before a grant ends, and
/// removes grants at their end date where they live (the role already stopped working at that moment: CurrentRoles
/// reads the end date). Each grant ends in its own unit of work; the notices' dedup keys and the grant's end make a
/// rerun, a retry or a second instance a no-op, and a grant Graph refused to remove is retried the next day.
/// </summary>
public sealed class AccessExpiryJob(
    IDbContextFactory<PortalDbContext> dbFactory,
    AccessRequests requests,
    AccessGrants grants,
    NotificationsService notifications,
    TimeProvider clock,
    ILogger<AccessExpiryJob> logger)
{
    public const string RecurringId = "access-expiry";

    /// <summary>How long before a grant's end its holder is told.</summary>
    public static IReadOnlyList<int> WarningDays { get; } = [7, 1];

    public async Task<AccessExpiryRunResult> RunAsync(CancellationToken cancellationToken)
    {
        var expired = await requests.ExpireDueAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var warned = await WarnAsync(now, cancellationToken);
        int ended = 0, failed = 0;
        List<int> due;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            due = await db.Set<RoleGrant>().Where(g => g.EndedAtUtc == null && g.EndsAtUtc != null && g.EndsAtUtc <= now)
                .OrderBy(g => g.Id).Select(g => g.Id).ToListAsync(cancellationToken);
        }

        foreach (var id in due)
        {
            try
            {
                ended += await EndAsync(id, cancellationToken) ? 1 : 0;
            }
            catch (ProvisioningException e)
            {
                failed++;
                logger.LogError(e, "Grant {GrantId} ended but could not be removed where it lives; the next run tries again.", id);
            }
        }

        return new AccessExpiryRunResult(expired, ended, warned, failed);
    }

    private async Task<bool> EndAsync(int grantId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var grant = await db.Set<RoleGrant>().SingleAsync(g => g.Id == grantId, cancellationToken);
        if (grant.EndedAtUtc is not null)
        {
            return false;
        }

        await grants.EndAsync(db, grant, AuditActor.System, "Expired at the end of the granted period", AccessGrants.ExpiredAction, cancellationToken);
        await notifications.AddAsync(db, [new Notice(grant.PersonId, $"grant:{grant.Id}:expired",
            $"Your {grant.Role} access ended on {grant.EndsAtUtc:yyyy-MM-dd}. Request it again if you still need it.", AccessLinks.NewRequest(grant.Role), false)], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        grants.Changed(grant.PersonId);
        return true;
    }

    private async Task<int> WarnAsync(DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var horizon = now.AddDays(WarningDays.Max());
        var ending = await db.Set<RoleGrant>().AsNoTracking()
            .Where(g => g.EndedAtUtc == null && g.EndsAtUtc != null && g.EndsAtUtc > now && g.EndsAtUtc <= horizon).ToListAsync(cancellationToken);
        // The nearest warning only: a grant ending tomorrow found for the first time gets the 1-day notice, not both.
        var notices = ending.Select(g => (Grant: g, Days: WarningDays.Where(d => g.EndsAtUtc <= now.AddDays(d)).Min()))
            .Select(w => new Notice(w.Grant.PersonId, $"grant:{w.Grant.Id}:ends-in-{w.Days}d",
                $"Your {w.Grant.Role} access ends on {w.Grant.EndsAtUtc:yyyy-MM-dd HH:mm} UTC ({(w.Days == 1 ? "within a day" : $"within {w.Days} days")}). Request it again if you still need it.",
                AccessLinks.NewRequest(w.Grant.Role), w.Days == 1))
            .ToList();
        var sent = await notifications.AddAsync(db, notices, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (NotificationsService.IsAlreadySent(e))
        {
            return 0;
        }

        return sent.Count;
    }
}
