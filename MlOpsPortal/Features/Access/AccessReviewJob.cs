using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Notifications;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Access;

public sealed record AccessReviewRunResult(int Reminded, int Completed, int Removed, int Failed, int Started);

/// <summary>
/// Every hour: reminds the reviewers of a running review once at half time; ends reviews past their due time (unanswered
/// items take the review's default, every item is applied, the review is completed); retries removals that failed; and
/// starts the next review of a recurring one when its time comes. Derived from the database alone. Each removal is
/// claimed by a conditional update before it is applied, so reruns, retries and concurrent runs apply it exactly once.
/// </summary>
public sealed partial class AccessReviewJob(
    IDbContextFactory<PortalDbContext> dbFactory,
    AccessReviews reviews,
    AccessGrants grants,
    PeopleDirectory people,
    NotificationsService notifications,
    TimeProvider clock,
    IAuthorizationService authorization,
    ILogger<AccessReviewJob> logger)
{
    public const string RecurringId = "access-reviews";
    public const string FinishedEarlyAction = "access-review.finished-early";

    /// <summary>A removal claimed this long ago without a result was interrupted (the process stopped); it is claimed again.</summary>
    public static readonly TimeSpan ClaimLapsesAfter = TimeSpan.FromMinutes(30);

    public async Task<AccessReviewRunResult> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<AccessReview> running;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            running = await db.Set<AccessReview>().AsNoTracking().Where(r => r.State == AccessReviewState.Running).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        }

        var reminded = 0;
        foreach (var review in running.Where(r => r.DueAtUtc > now && r.ReminderSentAtUtc is null && HalfTime(r) <= now))
        {
            reminded += await RemindAsync(review.Id, cancellationToken) ? 1 : 0;
        }

        var due = running.Where(r => r.DueAtUtc <= now).Select(r => r.Id).ToList();
        foreach (var id in due)
        {
            await TakeDefaultsAsync(id, cancellationToken);
        }

        var (removed, failed) = await ApplyAsync(cancellationToken);
        var completed = 0;
        foreach (var id in due)
        {
            completed += await CompleteAsync(id, cancellationToken) ? 1 : 0;
        }

        return new AccessReviewRunResult(reminded, completed, removed, failed, await StartRecurrencesAsync(cancellationToken));
    }

    /// <summary>
    /// An administrator ends a running review now instead of at its due time: it becomes due at once, and the same run
    /// as at the due time applies it (unanswered items take the default, denied roles are removed, each once).
    /// </summary>
    public async Task<AccessReviewRunResult> FinishNowAsync(ClaimsPrincipal user, int reviewId, CancellationToken cancellationToken = default)
    {
        await authorization.EnsureAsync(user, Policies.Admin, "Only administrators finish an access review early.");
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var review = await db.Set<AccessReview>().SingleOrDefaultAsync(r => r.Id == reviewId, cancellationToken)
                ?? throw new PortalNotFoundException($"There is no access review {reviewId}.");
            if (review.State != AccessReviewState.Running)
            {
                throw new PortalConflictException($"Access review '{review.Name}' is already completed.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            if (review.DueAtUtc > now)
            {
                db.AddAuditEvent(AuditActor.From(user), FinishedEarlyAction, AccessReviews.EntityType, Id(reviewId), new { dueAtUtc = review.DueAtUtc, finishedAtUtc = now });
                review.DueAtUtc = now;
                review.Revision++;
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateConcurrencyException)
                {
                    throw new PortalConflictException($"Access review '{review.Name}' changed meanwhile; open it again.");
                }
            }
        }

        return await RunAsync(cancellationToken);
    }

    private static DateTime HalfTime(AccessReview review) => review.StartedAtUtc + (review.DueAtUtc - review.StartedAtUtc) / 2;

    private async Task<bool> RemindAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var review = await db.Set<AccessReview>().SingleAsync(r => r.Id == id, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (review.State != AccessReviewState.Running || review.ReminderSentAtUtc is not null || HalfTime(review) > now)
        {
            return false;
        }

        var open = await db.Set<AccessReviewItem>().CountAsync(i => i.ReviewId == id && i.Decision == null && !i.DecidedByDefault, cancellationToken);
        review.ReminderSentAtUtc = now;
        review.Revision++;
        var sent = open == 0 ? [] : await notifications.AddAsync(db, [.. (await reviews.ReviewerIdsAsync(db, review, cancellationToken)).Select(r => new Notice(
            r, $"access-review:{id}:reminder:{r}", $"Access review '{review.Name}' is half way: {open} item{(open == 1 ? "" : "s")} still need a decision by {review.DueAtUtc:yyyy-MM-dd} (UTC)",
            AccessLinks.Review(id), false))], cancellationToken);
        db.AddAuditEvent(AuditActor.System, AccessReviews.RemindedAction, AccessReviews.EntityType, Id(id), new { undecided = open, recipients = sent.Select(n => n.RecipientId).ToList() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || NotificationsService.IsAlreadySent(e))
        {
            // Another run reminded them a moment ago.
            return false;
        }
    }

    /// <summary>Unanswered items take the review's default, each conditional on its revision (a racing run sets the same).</summary>
    private async Task TakeDefaultsAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var review = await db.Set<AccessReview>().AsNoTracking().SingleAsync(r => r.Id == id, cancellationToken);
        var open = await db.Set<AccessReviewItem>().Where(i => i.ReviewId == id && i.Decision == null && !i.DecidedByDefault).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var item in open)
        {
            item.Decision = AccessReviewResults.DefaultFor(review.Default, item.Recommendation);
            item.DecidedByDefault = true;
            item.DecidedAtUtc = now;
            item.Revision++;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another run took the defaults first.
        }
    }

    /// <summary>Applies every decided item of an ended review not applied yet (failed removals included), each exactly once.</summary>
    private async Task<(int Removed, int Failed)> ApplyAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var lapsed = now - ClaimLapsesAfter;
        List<AccessReviewItem> pending;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            pending = await (
                from item in db.Set<AccessReviewItem>().AsNoTracking()
                join review in db.Set<AccessReview>() on item.ReviewId equals review.Id
                where review.DueAtUtc <= now && (item.Decision != null || item.DecidedByDefault)
                    && (item.AppliedAtUtc == null || (item.Result == null && item.AppliedAtUtc < lapsed))
                orderby item.Id
                select item).ToListAsync(cancellationToken);
        }

        int removed = 0, failed = 0;
        foreach (var item in pending)
        {
            if (item.Decision != ReviewDecision.Deny)
            {
                await ClaimAsync(item.Id, lapsed, AccessReviewResults.WithoutRemoval(item.Decision), cancellationToken);
            }
            else if (await ClaimAsync(item.Id, lapsed, null, cancellationToken))
            {
                var ok = await RemoveAsync(item.Id, cancellationToken);
                removed += ok ? 1 : 0;
                failed += ok ? 0 : 1;
            }
        }

        return (removed, failed);
    }

    /// <summary>The conditional update that makes this run the only one applying the item; <paramref name="result"/> null while a removal is under way.</summary>
    private async Task<bool> ClaimAsync(int itemId, DateTime lapsed, string? result, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<AccessReviewItem>()
            .Where(i => i.Id == itemId && (i.AppliedAtUtc == null || (i.Result == null && i.AppliedAtUtc < lapsed)))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AppliedAtUtc, now).SetProperty(i => i.Result, result).SetProperty(i => i.Revision, i => i.Revision + 1), cancellationToken) == 1;
    }

    /// <summary>Takes a denied role away through the provisioning seam and records it; on failure the claim is released for the next run.</summary>
    private async Task<bool> RemoveAsync(int itemId, CancellationToken cancellationToken)
    {
        string? failure;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var item = await db.Set<AccessReviewItem>().SingleAsync(i => i.Id == itemId, cancellationToken);
            var review = await db.Set<AccessReview>().AsNoTracking().SingleAsync(r => r.Id == item.ReviewId, cancellationToken);
            var by = item.DecidedByDefault ? "by the review's default" : $"by {item.ReviewerName}";
            var reason = $"Denied in access review '{review.Name}' (#{review.Id}) {by}" + (item.Justification is { } why ? $": {why}" : ".");
            try
            {
                await grants.RemoveRoleAsync(db, AuditActor.System, item.PersonId, item.PersonName, item.Role, Clip(reason), cancellationToken);
                item.Result = AccessReviewResults.Removed;
                item.Revision++;
                await notifications.AddAsync(db, [new Notice(item.PersonId, $"access-review:{review.Id}:removed:{item.Id}",
                    $"Your {item.Role} access was removed: {Clip(reason)}", AccessLinks.MyAccess, true)], cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                grants.Changed(item.PersonId);
                return true;
            }
            catch (Exception e) when (e is ProvisioningException or HttpRequestException)
            {
                failure = e.Message;
            }
            catch (DbUpdateException e)
            {
                failure = "the removal could not be saved (" + e.GetBaseException().Message + ")";
            }

            LogFailed(logger, item.Role, item.PersonId, failure);
        }

        var result = Clip(AccessReviewResults.FailedPrefix + failure);
        await using var release = await dbFactory.CreateDbContextAsync(cancellationToken);
        await release.Set<AccessReviewItem>().Where(i => i.Id == itemId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AppliedAtUtc, (DateTime?)null).SetProperty(i => i.Result, result).SetProperty(i => i.Revision, i => i.Revision + 1), cancellationToken);
        return false;
    }

    /// <summary>Marks an ended review completed, with what came of it, once (conditional on its revision).</summary>
    private async Task<bool> CompleteAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var review = await db.Set<AccessReview>().SingleAsync(r => r.Id == id, cancellationToken);
        if (review.State != AccessReviewState.Running)
        {
            return false;
        }

        var items = await db.Set<AccessReviewItem>().AsNoTracking().Where(i => i.ReviewId == id).ToListAsync(cancellationToken);
        review.State = AccessReviewState.Completed;
        review.CompletedAtUtc = clock.GetUtcNow().UtcDateTime;
        review.Revision++;
        db.AddAuditEvent(AuditActor.System, AccessReviews.CompletedAction, AccessReviews.EntityType, Id(id), new
        {
            review.Name, items = items.Count, @default = review.Default.ToString(),
            approved = items.Count(i => i.Decision == ReviewDecision.Approve), denied = items.Count(i => i.Decision == ReviewDecision.Deny),
            dontKnow = items.Count(i => i.Decision == ReviewDecision.DontKnow), byDefault = items.Count(i => i.DecidedByDefault),
            removed = items.Count(i => i.Result == AccessReviewResults.Removed),
            failed = items.Count(i => i.Result?.StartsWith(AccessReviewResults.FailedPrefix, StringComparison.Ordinal) == true),
        });
        await notifications.AddAsync(db, [new Notice(review.StartedById, $"access-review:{id}:completed", $"Access review '{review.Name}' is completed; its evidence is ready",
            AccessLinks.Review(id), false)], cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || NotificationsService.IsAlreadySent(e))
        {
            return false;
        }
    }

    /// <summary>
    /// Starts the next review of each recurring one whose time has come (its start plus the months), exactly once: the
    /// new review and the claim on <see cref="AccessReview.NextReviewId"/> commit together or not at all.
    /// </summary>
    private async Task<int> StartRecurrencesAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<AccessReview> repeating;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            repeating = await db.Set<AccessReview>().AsNoTracking()
                .Where(r => r.State == AccessReviewState.Completed && r.RepeatEveryMonths > 0 && r.NextReviewId == null).ToListAsync(cancellationToken);
        }

        var started = 0;
        foreach (var previous in repeating.Where(r => r.StartedAtUtc.AddMonths(r.RepeatEveryMonths) <= now))
        {
            var everyone = await AccessReviewPopulation.PeopleAsync(people, cancellationToken);
            var items = await AccessReviewPopulation.ItemsAsync(people, everyone, previous.Roles, now, cancellationToken);
            var next = new AccessReview
            {
                Name = previous.Name, Roles = previous.Roles, Reviewers = previous.Reviewers, ListedReviewers = previous.ListedReviewers,
                DurationDays = previous.DurationDays, Default = previous.Default, RepeatEveryMonths = previous.RepeatEveryMonths, State = AccessReviewState.Running,
                StartedAtUtc = now, DueAtUtc = now.AddDays(previous.DurationDays), StartedById = AuditActor.System.Id, StartedByName = AuditActor.System.Name, Items = items,
            };
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var claimed = await db.InTransactionAsync(async transaction =>
            {
                next.Id = 0;
                db.Set<AccessReview>().Add(next);
                await db.SaveChangesAsync(cancellationToken);
                if (await db.Set<AccessReview>().Where(r => r.Id == previous.Id && r.NextReviewId == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.NextReviewId, next.Id).SetProperty(r => r.Revision, r => r.Revision + 1), cancellationToken) != 1)
                {
                    return false; // another run started it a moment ago: not committed, so the new review is not kept
                }

                await reviews.AnnounceAsync(db, next, AuditActor.System, previous.Id, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return true;
            }, cancellationToken);
            if (claimed)
            {
                started++;
            }
        }

        return started;
    }

    private static string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Clip(string text) => text.Length <= 480 ? text : text[..479] + "…";

    [LoggerMessage(Level = LogLevel.Warning, Message = "An access review could not remove {Role} from {Person}: {Failure}; the next run tries again.")]
    private static partial void LogFailed(ILogger logger, string role, string person, string failure);
}
