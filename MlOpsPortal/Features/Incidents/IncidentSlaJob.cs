using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Notifications;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Incidents;

public sealed record IncidentSlaRunResult(int Warned, int Escalated, int Closed, int ReviewsDue);

/// <summary>
/// Every minute: sends the SLA warnings due (50 %, 75 %, breach), escalates incidents whose response target ran out
/// (see <see cref="SlaDuties.RequiredLevel"/>), and closes incidents resolved longer ago than the policy's
/// auto-close days, except a P1 still without its post-incident review, whose assignee is told once instead.
/// Derived from the database alone; each change is a conditional change through <see cref="IncidentStore.ChangeAsync"/>
/// that decides again on the incident as it is, so a rerun, a retry, a second instance or a person acting meanwhile
/// never sends anything twice.
/// </summary>
public sealed class IncidentSlaJob(IDbContextFactory<PortalDbContext> dbFactory, IncidentStore store, NotificationsService notifications, TimeProvider clock)
{
    public const string RecurringId = "incident-sla";

    public async Task<IncidentSlaRunResult> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<Incident> open, resolved;
        IncidentPolicy policy;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            policy = await IncidentPolicies.CurrentAsync(db, cancellationToken);
            open = await db.Incidents.AsNoTracking().Include(i => i.Holds)
                .Where(i => i.State == IncidentState.New || i.State == IncidentState.InProgress || i.State == IncidentState.OnHold)
                .OrderBy(i => i.Id).ToListAsync(cancellationToken);
            var closeBefore = now.AddDays(-policy.AutoCloseDays);
            resolved = await db.Incidents.AsNoTracking()
                .Where(i => i.State == IncidentState.Resolved && i.ResolvedAtUtc != null && i.ResolvedAtUtc <= closeBefore)
                .OrderBy(i => i.Id).ToListAsync(cancellationToken);
        }

        var calendar = policy.Calendar.ToCalendar();
        int warned = 0, escalated = 0, closed = 0, reviewsDue = 0;
        foreach (var snapshot in open)
        {
            // Asked on the snapshot first so that incidents with nothing due cost no write at all.
            if (SlaDuties.Warnings(snapshot, IncidentStore.ReadSla(snapshot, calendar, now), policy.Roster) is not null
                && await TryChangeAsync(snapshot.Id, (current, at) => SlaDuties.Warnings(current, IncidentStore.ReadSla(current, calendar, at), policy.Roster), cancellationToken))
            {
                warned++;
            }

            escalated += await EscalateAsync(snapshot, policy, calendar, now, cancellationToken);
        }

        foreach (var incident in resolved)
        {
            if (await store.LacksRequiredReviewAsync(incident.Id, cancellationToken))
            {
                reviewsDue += await RemindReviewAsync(incident, policy.Roster, cancellationToken) ? 1 : 0;
            }
            else if (await TryChangeAsync(incident.Id, (current, at) => Close(current, policy.AutoCloseDays, at), cancellationToken))
            {
                closed++;
            }
        }

        return new IncidentSlaRunResult(warned, escalated, closed, reviewsDue);
    }

    /// <summary>One level at a time, each its own audited change, until the level the response breach calls for.</summary>
    private async Task<int> EscalateAsync(Incident snapshot, IncidentPolicy policy, BusinessCalendar calendar, DateTime now, CancellationToken cancellationToken)
    {
        var steps = 0;
        var required = SlaDuties.RequiredLevel(snapshot, Response(snapshot, calendar, now));
        for (var level = snapshot.Level; level < required; level++)
        {
            var changed = await TryChangeAsync(snapshot.Id, (current, at) =>
            {
                return current.Level < SlaDuties.RequiredLevel(current, Response(current, calendar, at)) ? IncidentWork.Escalate(current, policy.Roster, "Response SLA breached") : null;
            }, cancellationToken);
            steps += changed ? 1 : 0;
        }

        return steps;
    }

    private static IncidentSla Response(Incident incident, BusinessCalendar calendar, DateTime at) =>
        IncidentStore.ReadSla(incident, calendar, at).Single(s => s.Target == SlaTargetKind.Response);

    private static IncidentChange? Close(Incident incident, int autoCloseDays, DateTime now)
    {
        if (incident.State != IncidentState.Resolved || incident.ResolvedAtUtc is not { } resolvedAt || resolvedAt > now.AddDays(-autoCloseDays))
        {
            return null;
        }

        incident.State = IncidentState.Closed;
        incident.ClosedAtUtc = now;
        return new IncidentChange("incident.closed", new { before = nameof(IncidentState.Resolved), after = nameof(IncidentState.Closed), automatic = true, autoCloseDays },
            [new(TimelineKind.StateChanged, $"Closed automatically: resolved more than {autoCloseDays} day{(autoCloseDays == 1 ? "" : "s")} ago.")]);
    }

    /// <summary>
    /// Applies <paramref name="decide"/> as one conditional change by System; null from it (asked again after a lost race
    /// or on a rerun) means someone else already did the work, and nothing is written.
    /// </summary>
    private async Task<bool> TryChangeAsync(int id, Func<Incident, DateTime, IncidentChange?> decide, CancellationToken cancellationToken)
    {
        try
        {
            await store.ChangeAsync(AuditActor.System, id, (current, at) => decide(current, at) ?? throw new PortalConflictException("Nothing left to do."), cancellationToken);
            return true;
        }
        catch (PortalConflictException)
        {
            return false;
        }
    }

    /// <summary>
    /// A P1 stays Resolved until its review is written; its assignee (or, unassigned, its level's roster) is told once,
    /// with a timeline line and an audit event saved with the notice, and the incident itself is left unchanged.
    /// </summary>
    private async Task<bool> RemindReviewAsync(Incident incident, SupportRoster roster, CancellationToken cancellationToken)
    {
        IReadOnlyList<RosterMember> recipients = incident.AssigneeId is { } id ? [new RosterMember(id, incident.AssigneeName ?? id)] : roster.For(incident.Level);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var fresh = await notifications.AddAsync(db, [.. recipients.Select(r => new Notice(
            r.Id, $"incident:{incident.Id}:review-due:{r.Id}", $"{incident.Number} (P1) cannot close until its post-incident review is written",
            IncidentLinks.Incident(incident.Number), Critical: false))], cancellationToken);
        if (fresh.Count == 0)
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var names = string.Join(", ", recipients.Where(r => fresh.Any(f => f.RecipientId == r.Id)).Select(r => r.Name));
        IncidentStore.AddTimeline(db, AuditActor.System, incident.Id, now,
            [new(TimelineKind.Review, $"Not closed automatically: a P1 closes only with its post-incident review. Reminded {names}.")]);
        db.AddAuditEvent(AuditActor.System, "incident.review-due", IncidentStore.EntityType, incident.Number, new { recipients = fresh.Select(f => f.RecipientId).ToList() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (NotificationsService.IsAlreadySent(ex))
        {
            // Another run reminded them a moment ago.
            return false;
        }
    }
}
