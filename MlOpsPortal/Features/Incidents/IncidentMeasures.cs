using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Architecture;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Incidents;

/// <summary>
/// MTTA, MTTR, MTTD, SLA attainment, breaches, backlog by age and a daily series over a period (definitions on
/// <see cref="IncidentMetrics"/>), for the incidents overview, the metrics API and the reports. Read-only and open to
/// everyone who may read incidents, which is every signed-in person.
/// </summary>
[FeatureContract]
public sealed class IncidentMeasures(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The measures of the last <paramref name="days"/> days (see <see cref="MeasurePeriods.Last"/>).</summary>
    public Task<IncidentMetrics> LastDaysAsync(int days, CancellationToken cancellationToken = default)
    {
        var (from, to) = MeasurePeriods.Last(days, Now);
        return ComputeAsync(from, to, cancellationToken);
    }

    /// <summary>The measures of [<paramref name="fromUtc"/>, <paramref name="toUtc"/>); refused when the period is empty or longer than a year.</summary>
    public async Task<IncidentMetrics> ComputeAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken = default)
    {
        var from = UtcInstant.Of(fromUtc);
        var to = UtcInstant.Of(toUtc);
        if (from >= to)
        {
            throw PortalValidationException.For("from", "The period must start before it ends.");
        }

        if (to - from > TimeSpan.FromDays(MeasurePeriods.MaxDays))
        {
            throw PortalValidationException.For("to", $"A period is at most {MeasurePeriods.MaxDays} days long.");
        }

        var now = Now;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var calendar = (await IncidentPolicies.CurrentAsync(db, cancellationToken)).Calendar.ToCalendar();
        // The cohort, plus the older incidents resolved in the period (daily series) or still unresolved (backlog).
        var incidents = await db.Incidents.AsNoTracking().Include(i => i.Holds)
            .Where(i => i.State != IncidentState.Cancelled && i.DetectedAtUtc < to && (i.DetectedAtUtc >= from || i.ResolvedAtUtc == null || i.ResolvedAtUtc >= from))
            .ToListAsync(cancellationToken);
        var cohort = incidents.Where(i => i.DetectedAtUtc >= from).Select(i => (Incident: i, Sla: IncidentStore.ReadSla(i, calendar, now))).ToList();

        var byPriority = Enum.GetValues<IncidentPriority>().Select(p => Priority(p, [.. cohort.Where(c => c.Incident.Priority == p)])).ToList();
        var all = cohort.SelectMany(c => c.Sla).ToList();
        return new IncidentMetrics(
            from, to, now, cohort.Count,
            Stats(cohort.Where(c => c.Incident.AcknowledgedAtUtc is not null).Select(c => c.Incident.AcknowledgedAtUtc!.Value - c.Incident.DetectedAtUtc)),
            Stats(cohort.Where(c => c.Incident.ResolvedAtUtc is not null).Select(c => c.Incident.ResolvedAtUtc!.Value - c.Incident.DetectedAtUtc)),
            Stats(cohort.Select(c => c.Incident.DetectedAtUtc - c.Incident.ImpactStartUtc)),
            Attainment(all.Where(s => s.Target == SlaTargetKind.Response)),
            Attainment(all.Where(s => s.Target == SlaTargetKind.Resolution)),
            all.Count(s => s.Stage == SlaStage.Breached),
            byPriority,
            Backlog(incidents, to),
            Daily(incidents, from, to));
    }

    /// <summary>The response and resolution targets of each priority in the policy now, as people read them ("15 min", "3 business days").</summary>
    public async Task<IReadOnlyList<PriorityTargets>> TargetsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var targets = (await IncidentPolicies.CurrentAsync(db, cancellationToken)).Targets;
        return [.. Enum.GetValues<IncidentPriority>().Select(p => new PriorityTargets(p, Text(targets.For(p).Response), Text(targets.For(p).Resolution)))];

        static string Text(SlaDuration duration)
        {
            var parts = new List<string>();
            if (duration.Time > TimeSpan.Zero)
            {
                parts.Add(duration.Time.TotalMinutes < 60 || duration.Time.TotalMinutes % 60 != 0
                    ? $"{duration.Time.TotalMinutes.ToString("0", System.Globalization.CultureInfo.InvariantCulture)} min"
                    : $"{duration.Time.TotalHours.ToString("0", System.Globalization.CultureInfo.InvariantCulture)} h");
            }

            if (duration.BusinessDays > 0)
            {
                parts.Add(duration.BusinessDays == 1 ? "1 business day" : $"{duration.BusinessDays.ToString(System.Globalization.CultureInfo.InvariantCulture)} business days");
            }

            return parts.Count == 0 ? "none" : string.Join(" + ", parts);
        }
    }

    private static PriorityMeasures Priority(IncidentPriority priority, IReadOnlyList<(Incident Incident, IReadOnlyList<IncidentSla> Sla)> cohort)
    {
        var response = cohort.Select(c => c.Sla.Single(s => s.Target == SlaTargetKind.Response)).ToList();
        var resolution = cohort.Select(c => c.Sla.Single(s => s.Target == SlaTargetKind.Resolution)).ToList();
        return new PriorityMeasures(
            priority, cohort.Count, Attainment(response), Attainment(resolution),
            response.Count(s => s.Stage == SlaStage.Breached), resolution.Count(s => s.Stage == SlaStage.Breached));
    }

    private static double? Attainment(IEnumerable<IncidentSla> records)
    {
        var decided = records.Where(s => s.Stage is SlaStage.Achieved or SlaStage.Breached).ToList();
        return decided.Count == 0 ? null : Math.Round(100.0 * decided.Count(s => s.Stage == SlaStage.Achieved) / decided.Count, 1);
    }

    /// <summary>
    /// Open at <paramref name="to"/>: detected before it and not resolved (nor closed) by then. An incident resolved and
    /// later reopened counts by its latest resolution, the only one the incident keeps.
    /// </summary>
    private static BacklogByAge Backlog(IEnumerable<Incident> incidents, DateTime to)
    {
        var ages = incidents.Where(i => i.DetectedAtUtc < to && !(i.ResolvedAtUtc <= to)).Select(i => to - i.DetectedAtUtc).ToList();
        return new BacklogByAge(
            ages.Count(a => a < TimeSpan.FromDays(1)),
            ages.Count(a => a >= TimeSpan.FromDays(1) && a < TimeSpan.FromDays(3)),
            ages.Count(a => a >= TimeSpan.FromDays(3) && a < TimeSpan.FromDays(7)),
            ages.Count(a => a >= TimeSpan.FromDays(7)));
    }

    private static List<DailyMeasures> Daily(IReadOnlyList<Incident> incidents, DateTime from, DateTime to)
    {
        var days = new List<DailyMeasures>();
        for (var day = from.Date; day < to; day = day.AddDays(1))
        {
            var start = day < from ? from : day;
            var end = day.AddDays(1) < to ? day.AddDays(1) : to;
            var resolved = incidents.Where(i => i.ResolvedAtUtc >= start && i.ResolvedAtUtc < end).ToList();
            days.Add(new DailyMeasures(
                DateOnly.FromDateTime(day),
                incidents.Count(i => i.DetectedAtUtc >= start && i.DetectedAtUtc < end),
                resolved.Count,
                Stats(resolved.Select(i => i.ResolvedAtUtc!.Value - i.DetectedAtUtc)).Mean));
        }

        return days;
    }

    private static DurationStats Stats(IEnumerable<TimeSpan> durations)
    {
        var minutes = durations.Select(d => d.TotalMinutes).Order().ToList();
        if (minutes.Count == 0)
        {
            return new DurationStats(0, null, null);
        }

        var middle = minutes.Count / 2;
        var median = minutes.Count % 2 == 1 ? minutes[middle] : (minutes[middle - 1] + minutes[middle]) / 2;
        return new DurationStats(minutes.Count, Math.Round(minutes.Average(), 1), Math.Round(median, 1));
    }
}
