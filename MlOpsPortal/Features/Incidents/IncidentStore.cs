using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Notifications;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Incidents;

/// <summary>What one change of an incident records besides the incident itself; <paramref name="Write"/> adds rows of its own (a review).</summary>
internal sealed record IncidentChange(
    string AuditAction, object AuditDetails, IReadOnlyList<TimelineLine> Timeline, IReadOnlyList<Notice>? Notices = null,
    Func<PortalDbContext, CancellationToken, Task>? Write = null);

internal sealed record TimelineLine(TimelineKind Kind, string Text, string? Link = null);

/// <summary>
/// What every service of this feature does the same way: read incidents into views (registry keys looked up in one
/// batch, SLA clocks read at one instant) and change one. A change is a conditional update on the revision its author
/// read (the <see cref="Incident.Revision"/> concurrency token), saved with its timeline lines, audit event and notices
/// in one transaction; a racing change makes it read again and decide again, so the loser learns who won.
/// </summary>
public sealed class IncidentStore(IDbContextFactory<PortalDbContext> dbFactory, RegistryKeys keys, NotificationsService notifications, TimeProvider clock)
{
    public const string EntityType = nameof(Incident);

    // Far more than any real race needs; it only stops a livelock from spinning for ever.
    private const int MaxAttempts = 100;

    internal DateTime Now => clock.GetUtcNow().UtcDateTime;

    internal static string Utc(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    internal static PortalNotFoundException NotFound(string number) => new($"There is no incident {number}.");

    internal static int IdOf(string number) => Incident.ParseNumber(number) ?? throw NotFound(number);

    internal async Task<IncidentView> ViewAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return (await ViewsAsync(db, [id], cancellationToken)).SingleOrDefault() ?? throw NotFound(Incident.Format(id));
    }

    /// <summary>The incidents in the order of <paramref name="ids"/>; ids that do not exist are left out.</summary>
    internal async Task<IReadOnlyList<IncidentView>> ViewsAsync(PortalDbContext db, IReadOnlyList<int> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var incidents = await db.Incidents.AsNoTracking().Include(i => i.Holds).Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        return await ViewsAsync(db, [.. ids.Where(incidents.ContainsKey).Select(id => incidents[id])], cancellationToken);
    }

    internal async Task<IReadOnlyList<IncidentView>> ViewsAsync(PortalDbContext db, IReadOnlyList<Incident> incidents, CancellationToken cancellationToken)
    {
        var policy = await IncidentPolicies.CurrentAsync(db, cancellationToken);
        var calendar = policy.Calendar.ToCalendar();
        var models = await keys.ModelKeysAsync(incidents.Where(i => i.ModelId is not null).Select(i => i.ModelId!.Value).Distinct(), cancellationToken);
        var versions = await keys.VersionsAsync(incidents.Where(i => i.ModelVersionId is not null).Select(i => i.ModelVersionId!.Value).Distinct(), cancellationToken);
        var environments = (await keys.EnvironmentsAsync(cancellationToken)).ToDictionary(e => e.Id, e => e.Key);
        var now = Now;
        return [.. incidents.Select(i => new IncidentView(
            i.Number, i.Title, i.Description,
            i.ModelId is { } m ? models.GetValueOrDefault(m) : null,
            i.ModelVersionId is { } v && versions.TryGetValue(v, out var version) ? version.Number : null,
            i.EnvironmentId is { } e ? environments.GetValueOrDefault(e) : null,
            i.Source, i.SourceRef, i.SourceLink, i.SignalCount, i.Impact, i.Urgency, i.Priority, i.Level, i.AssigneeId, i.AssigneeName,
            i.State, i.HoldReason, i.ResolutionCode, i.ResolutionNotes, i.CancelReason,
            i.ImpactStartUtc, i.DetectedAtUtc, i.AcknowledgedAtUtc, i.AcknowledgedBy, i.ResolvedAtUtc, i.ClosedAtUtc, i.CancelledAtUtc,
            i.CreatedByName, i.ChangedBy, i.ChangedAtUtc, i.Revision, ReadSla(i, calendar, now)))];
    }

    /// <summary>
    /// Both SLA records of an incident read at <paramref name="nowUtc"/>. The response clock never pauses and is met by
    /// the first acknowledgement; the resolution clock stands still on hold (and between resolving and reopening) and
    /// is met by resolving. A cancelled incident's unmet clocks are cancelled at the moment it was cancelled.
    /// </summary>
    public static IReadOnlyList<IncidentSla> ReadSla(Incident incident, BusinessCalendar businessCalendar, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ISlaCalendar calendar = incident.ClockKind == SlaClockKind.BusinessHours ? businessCalendar : AroundTheClockCalendar.Instance;
        var at = incident.CancelledAtUtc ?? nowUtc;
        var cancelled = incident.CancelledAtUtc is not null;
        var response = SlaClock.Read(incident.ResponseTarget, calendar, incident.DetectedAtUtc, [], at, incident.AcknowledgedAtUtc,
            cancelled && incident.AcknowledgedAtUtc is null);
        var pauses = incident.Holds.Select(h => new SlaPause(h.StartUtc, h.EndUtc)).ToList();
        var resolution = SlaClock.Read(incident.ResolutionTarget, calendar, incident.DetectedAtUtc, pauses, at, incident.ResolvedAtUtc, cancelled);
        return [Record(SlaTargetKind.Response, incident.ClockKind, response), Record(SlaTargetKind.Resolution, incident.ClockKind, resolution)];
    }

    private static IncidentSla Record(SlaTargetKind target, SlaClockKind clock, SlaReading reading) =>
        new(target, clock, reading.Stage, reading.Target, reading.Elapsed, reading.Remaining, reading.BreachAtUtc, reading.Warning);

    /// <summary>
    /// Applies one change. <paramref name="decide"/> gets the incident as it is now (tracked: it changes it in place) and
    /// throws when the change no longer makes sense; after a lost race it is called again with the winner's version, so
    /// its refusal names the winner. A caller that must refuse what changed since its first look keeps that look itself.
    /// </summary>
    internal async Task<Incident> ChangeAsync(AuditActor actor, int id, Func<Incident, DateTime, IncidentChange> decide, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var incident = await db.Incidents.Include(i => i.Holds).SingleOrDefaultAsync(i => i.Id == id, cancellationToken)
                ?? throw NotFound(Incident.Format(id));
            var now = Now;
            var change = decide(incident, now);
            incident.Revision++;
            incident.ChangedBy = actor.Name;
            incident.ChangedAtUtc = now;
            AddTimeline(db, actor, id, now, change.Timeline);
            db.AddAuditEvent(actor, change.AuditAction, EntityType, incident.Number, change.AuditDetails);
            if (change.Write is { } write)
            {
                await write(db, cancellationToken);
            }

            if (change.Notices is { Count: > 0 } notices)
            {
                await notifications.AddAsync(db, notices, cancellationToken);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return incident;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                // Someone changed it between our read and our write: read again and decide again.
            }
            catch (DbUpdateException ex) when (attempt < MaxAttempts && NotificationsService.IsAlreadySent(ex))
            {
            }
        }
    }

    internal static void AddTimeline(PortalDbContext db, AuditActor actor, int incidentId, DateTime at, IEnumerable<TimelineLine> lines)
    {
        foreach (var line in lines)
        {
            db.IncidentTimeline.Add(new IncidentTimelineEntry
            {
                IncidentId = incidentId, AtUtc = at, Kind = line.Kind, ActorId = actor.Id, ActorName = actor.Name, Text = line.Text, Link = line.Link,
            });
        }
    }

    /// <summary>A P1 closes only with its post-incident review written.</summary>
    internal async Task<bool> LacksRequiredReviewAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Incidents.AnyAsync(i => i.Id == id && i.Priority == IncidentPriority.P1 && !db.IncidentReviews.Any(r => r.IncidentId == i.Id), cancellationToken);
    }

    internal async Task<IReadOnlyList<TimelineEntryView>> TimelineAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.IncidentTimeline.AsNoTracking().Where(t => t.IncidentId == id).OrderBy(t => t.AtUtc).ThenBy(t => t.Id)
            .Select(t => new TimelineEntryView(t.AtUtc, t.Kind, t.ActorName, t.Text, t.Link)).ToListAsync(cancellationToken);
    }
}
