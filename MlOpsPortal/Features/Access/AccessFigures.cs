using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Architecture;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Access;

/// <summary>An access review still open past its due time.</summary>
[FeatureContract]
public sealed record OverdueReview(string Name, DateTime DueAtUtc, int Undecided);

/// <summary>Access requests awaiting a decision and access reviews past due, at one instant.</summary>
[FeatureContract]
public sealed record AccessStandingFigures(int PendingRequests, IReadOnlyList<OverdueReview> OverdueReviews);

/// <summary>
/// The access figures of portfolio reports, as they stood at an instant: decisions, completions and expiries after it
/// are not yet known then, so a report for a past as-of reads the same whenever it is made.
/// </summary>
[FeatureContract]
public sealed class AccessFigures(IDbContextFactory<PortalDbContext> dbFactory)
{
    public async Task<AccessStandingFigures> AtAsync(DateTime asOfUtc, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Undecided then: raised by then, not yet expired, and still pending or decided only later (a withdrawal keeps no time: taken as before).
        var pending = await db.Set<AccessRequest>().AsNoTracking()
            .CountAsync(r => r.RequestedAtUtc <= asOfUtc && r.ExpiresAtUtc > asOfUtc
                && (r.State == AccessRequestState.Pending || r.DecidedAtUtc > asOfUtc), cancellationToken);
        var overdue = await db.Set<AccessReview>().AsNoTracking()
            .Where(r => r.StartedAtUtc <= asOfUtc && r.DueAtUtc < asOfUtc && (r.CompletedAtUtc == null || r.CompletedAtUtc > asOfUtc))
            .OrderBy(r => r.DueAtUtc).ThenBy(r => r.Id)
            .Select(r => new OverdueReview(r.Name, r.DueAtUtc, r.Items.Count(i => i.DecidedAtUtc == null || i.DecidedAtUtc > asOfUtc)))
            .ToListAsync(cancellationToken);
        return new AccessStandingFigures(pending, overdue);
    }
}
