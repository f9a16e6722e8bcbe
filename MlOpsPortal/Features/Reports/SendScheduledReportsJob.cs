using System.Globalization;
using Hangfire;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Reports;

public sealed record ScheduledReportsRun(int Generated, int Mailed, int Skipped, int Failed);

/// <summary>
/// Every 15 minutes: for each active subscription that has fallen due, generates the report of its latest due run (after
/// an outage the newest period only, not a backlog), archives it and tells the subscriber in the portal
/// (<see cref="GenerateReportJob"/>), mails the PDF when SMTP is configured, and moves the subscription on. Derived from the
/// database alone and safe to repeat: the run's report is found by its dedup key (two instances make one), a succeeded
/// report is not generated again, a mailed report (its <see cref="MailedAction"/> audit event) is not mailed again, and
/// the subscription moves on by a conditional update of the due time it was read with.
/// </summary>
public sealed partial class SendScheduledReportsJob(
    IDbContextFactory<PortalDbContext> dbFactory,
    ReportsService reports,
    GenerateReportJob generator,
    SignedInPeople people,
    IAuthorizationService authorization,
    ReportMailer mailer,
    TimeProvider clock,
    ILogger<SendScheduledReportsJob> logger)
{
    public const string RecurringId = "send-scheduled-reports";
    public const string Cron = "*/15 * * * *";
    public const string MailedAction = "report.mailed";
    public const string SkippedAction = "report-subscription.skipped";

    // Hangfire runs one at a time across instances; the database conditions above keep even concurrent runs correct.
    [DisableConcurrentExecution(timeoutInSeconds: 10 * 60)]
    public async Task<ScheduledReportsRun> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<ReportSubscription> due;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            due = await db.ReportSubscriptions.AsNoTracking().Where(s => s.Active && s.NextRunUtc <= now)
                .OrderBy(s => s.NextRunUtc).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        }

        int generated = 0, mailed = 0, skipped = 0, failed = 0;
        foreach (var subscription in due)
        {
            try
            {
                switch (await SendAsync(subscription, now, cancellationToken))
                {
                    case Outcome.Skipped:
                        skipped++;
                        break;
                    case Outcome.Mailed:
                        generated++;
                        mailed++;
                        break;
                    case Outcome.Generated:
                        generated++;
                        break;
                    case Outcome.Failed:
                        failed++;
                        break;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One subscription's trouble (SMTP down, a report still retrying) must not hold back the others; it stays
                // due, so the next pass tries it again.
                failed++;
                LogFailed(logger, ex, subscription.Id);
            }
        }

        return new ScheduledReportsRun(generated, mailed, skipped, failed);
    }

    private async Task<Outcome> SendAsync(ReportSubscription subscription, DateTime now, CancellationToken cancellationToken)
    {
        var runUtc = ReportSchedule.LatestDueUtc(subscription, subscription.NextRunUtc, now);
        var nextUtc = ReportSchedule.NextRunUtc(subscription, runUtc);
        var principal = await people.PrincipalAsync(subscription.PersonId, cancellationToken);
        if (principal is null || !(await authorization.AuthorizeAsync(principal, subscription.Kind.Policy())).Succeeded)
        {
            await MoveOnAsync(subscription, nextUtc, now, skippedRunUtc: runUtc, cancellationToken);
            return Outcome.Skipped;
        }

        var (from, to) = ReportSchedule.PeriodOf(subscription, runUtc);
        var dedupKey = $"subscription:{subscription.Id.ToString(CultureInfo.InvariantCulture)}:{runUtc:yyyyMMddHHmm}";
        var (reportId, state) = await FindOrAddReportAsync(subscription, ReportsService.ScopeOf(from, to, now), dedupKey, cancellationToken);
        if (state != ReportState.Succeeded && state != ReportState.Failed)
        {
            await generator.ExecuteAsync(reportId, cancellationToken);
            state = await StateAsync(reportId, cancellationToken);
        }

        var outcome = state switch
        {
            ReportState.Succeeded => await MailOnceAsync(subscription, reportId, cancellationToken) ? Outcome.Mailed : Outcome.Generated,
            ReportState.Failed => Outcome.Failed,
            // Still queued: a failed attempt that GenerateReportJob will retry; the next pass comes back for it.
            _ => throw new InvalidOperationException($"Report {reportId} is still {state}; it is generated on a later pass."),
        };
        await MoveOnAsync(subscription, nextUtc, now, skippedRunUtc: null, cancellationToken);
        return outcome;
    }

    private async Task<(int Id, ReportState State)> FindOrAddReportAsync(
        ReportSubscription subscription, ReportScope scope, string dedupKey, CancellationToken cancellationToken)
    {
        if (await FindAsync(dedupKey, cancellationToken) is { } existing)
        {
            return existing;
        }

        try
        {
            var report = await reports.AddAsync(new AuditActor(subscription.PersonId, subscription.PersonName), subscription.Kind, scope,
                ReportTrigger.Schedule, subscription.Id, dedupKey, cancellationToken);
            return (report.Id, report.State);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex, "Reports", "DedupKey"))
        {
            // Another instance recorded this run's report a moment ago: that one is the report.
            return await FindAsync(dedupKey, cancellationToken) ?? throw new InvalidOperationException($"Report '{dedupKey}' vanished.", ex);
        }
    }

    private async Task<(int Id, ReportState State)?> FindAsync(string dedupKey, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.Reports.AsNoTracking().Where(r => r.DedupKey == dedupKey).Select(r => new { r.Id, r.State }).SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : (found.Id, found.State);
    }

    private async Task<ReportState> StateAsync(int reportId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Reports.Where(r => r.Id == reportId).Select(r => r.State).SingleAsync(cancellationToken);
    }

    /// <summary>Mails the archived PDF unless SMTP or the address is missing or it was mailed before; true when mailed now.</summary>
    private async Task<bool> MailOnceAsync(ReportSubscription subscription, int reportId, CancellationToken cancellationToken)
    {
        if (!mailer.IsConfigured || string.IsNullOrWhiteSpace(subscription.Email))
        {
            return false;
        }

        var id = reportId.ToString(CultureInfo.InvariantCulture);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.AuditEvents.AnyAsync(e => e.Action == MailedAction && e.EntityType == nameof(Report) && e.EntityId == id, cancellationToken))
        {
            return false;
        }

        var report = await db.Reports.AsNoTracking().Where(r => r.Id == reportId).Select(r => new { r.Kind, r.FromUtc, r.Content }).SingleAsync(cancellationToken);
        var pdf = await db.ReportFiles.AsNoTracking().Where(f => f.ReportId == reportId && f.Format == "pdf").Select(f => f.Bytes).SingleAsync(cancellationToken);
        var document = ReportDocument.FromJson(report.Content!);
        await mailer.SendAsync(new ReportMail(
            subscription.Email, subscription.PersonName, document.Title, document.PeriodText, document.Headline, ReportLinks.Report(reportId),
            ReportLinks.Subscriptions, pdf, $"{report.Kind.ApiName()}-report-{report.FromUtc:yyyy-MM-dd}-{id}.pdf"), cancellationToken);
        // Recorded after sending: a crash in between sends it again rather than never.
        db.AddAuditEvent(AuditActor.System, MailedAction, nameof(Report), id, new { subscriptionId = subscription.Id, to = subscription.Email });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Moves the subscription to its next run, once: conditional on the due time it was read with, so of two instances one
    /// moves it. A skipped run is audited in the same transaction, so once per run.
    /// </summary>
    private async Task MoveOnAsync(ReportSubscription subscription, DateTime nextUtc, DateTime now, DateTime? skippedRunUtc, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var read = subscription.NextRunUtc;
        var lastRun = skippedRunUtc is null ? now : subscription.LastRunUtc; // a skipped run did not run
        await db.InTransactionAsync(async transaction =>
        {
            var moved = await db.ReportSubscriptions.Where(s => s.Id == subscription.Id && s.NextRunUtc == read).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.NextRunUtc, nextUtc)
                .SetProperty(x => x.LastRunUtc, lastRun), cancellationToken);
            if (moved == 1 && skippedRunUtc is { } run)
            {
                db.AddAuditEvent(AuditActor.System, SkippedAction, nameof(ReportSubscription), subscription.Id.ToString(CultureInfo.InvariantCulture), new
                {
                    kind = subscription.Kind.ApiName(), subscriber = subscription.PersonId, runUtc = run,
                    reason = $"{subscription.PersonName} no longer holds a role that may read the {subscription.Kind.Title().ToLowerInvariant()}.",
                });
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }, cancellationToken);
    }

    private enum Outcome
    {
        Generated,
        Mailed,
        Skipped,
        Failed,
    }

    [LoggerMessage(EventId = 9511, Level = LogLevel.Warning, Message = "Sending the scheduled report of subscription {SubscriptionId} failed; the next pass tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception, int subscriptionId);
}
