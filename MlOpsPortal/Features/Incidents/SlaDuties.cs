using System.Globalization;
using MlOpsPortal.Features.Notifications;

namespace MlOpsPortal.Features.Incidents;

/// <summary>
/// What the SLA job owes one open incident at one instant: the warnings not yet sent and the escalation its response
/// breach calls for. Pure: it reads and changes only the incident it is given, so the job can ask once on a snapshot
/// and again, inside the conditional change, on the incident as it is then.
/// </summary>
internal static class SlaDuties
{
    /// <summary>
    /// Unacknowledged past its response target: at least L2. Unacknowledged past twice the target: L3. Derived from the
    /// level alone, so a person who escalated by hand already is not escalated again, and a rerun finds nothing to do.
    /// </summary>
    public static SupportLevel RequiredLevel(Incident incident, IncidentSla response)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(response);
        if (incident.AcknowledgedAtUtc is not null || !IncidentStates.IsOpen(incident.State) || response.Stage != SlaStage.Breached)
        {
            return SupportLevel.L1;
        }

        return response.Elapsed > response.TargetTime * 2 ? SupportLevel.L3 : SupportLevel.L2;
    }

    /// <summary>
    /// The warnings due now beyond those already sent, as one change (timeline lines, notices, the sent marks raised),
    /// or null when none is due. Only an open incident's unmet targets warn: response until acknowledged, resolution
    /// until resolved; a paused resolution clock crosses no threshold, so it stays silent while on hold.
    /// </summary>
    public static IncidentChange? Warnings(Incident incident, IReadOnlyList<IncidentSla> sla, SupportRoster roster)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(sla);
        ArgumentNullException.ThrowIfNull(roster);
        if (!IncidentStates.IsOpen(incident.State))
        {
            return null;
        }

        var lines = new List<TimelineLine>();
        var notices = new List<Notice>();
        var sent = new List<object>();
        foreach (var record in sla)
        {
            var unmet = record.Target == SlaTargetKind.Response ? incident.AcknowledgedAtUtc is null : incident.ResolvedAtUtc is null;
            var lastSent = record.Target == SlaTargetKind.Response ? incident.ResponseWarningSent : incident.ResolutionWarningSent;
            if (!unmet)
            {
                continue;
            }

            var due = new SlaReading(record.Stage, record.TargetTime, record.Elapsed, record.Remaining, record.BreachAtUtc, record.Warning).WarningsDue(lastSent);
            foreach (var warning in due)
            {
                var recipients = Recipients(incident, roster, warning);
                var text = Describe(incident, record, warning);
                lines.Add(new(TimelineKind.SlaWarning, recipients.Count == 0
                    ? $"{text} Nobody to notify: the incident is unassigned and the {incident.Level} roster is empty."
                    : $"{text} Notified {string.Join(", ", recipients.Select(r => r.Name))}."));
                notices.AddRange(recipients.Select(r => new Notice(
                    r.Id, $"incident:{incident.Id}:{record.Target.ToString().ToLowerInvariant()}:{(int)warning}:{r.Id}", $"{incident.Number} ({incident.Priority}): {text}",
                    IncidentLinks.Incident(incident.Number), Critical: warning == SlaWarning.Breach || incident.Priority <= IncidentPriority.P2)));
                sent.Add(new { target = record.Target.ToString(), warning = warning.ToString(), recipients = recipients.Select(r => r.Id).ToList() });
            }

            if (due.Count > 0)
            {
                if (record.Target == SlaTargetKind.Response)
                {
                    incident.ResponseWarningSent = due[^1];
                }
                else
                {
                    incident.ResolutionWarningSent = due[^1];
                }
            }
        }

        return sent.Count == 0 ? null : new IncidentChange("incident.sla-warning", new { warnings = sent }, lines, notices);
    }

    /// <summary>
    /// The assignee, or the roster of the incident's level while nobody has it; from 75 % on also the next level's roster,
    /// so the people who would take it over see it coming.
    /// </summary>
    private static List<RosterMember> Recipients(Incident incident, SupportRoster roster, SlaWarning warning)
    {
        List<RosterMember> recipients = incident.AssigneeId is { } id ? [new RosterMember(id, incident.AssigneeName ?? id)] : [.. roster.For(incident.Level)];
        if (warning >= SlaWarning.ThreeQuarters && incident.Level < SupportLevel.L3)
        {
            recipients.AddRange(roster.For(incident.Level + 1));
        }

        return [.. recipients.DistinctBy(r => r.Id)];
    }

    private static string Describe(Incident incident, IncidentSla record, SlaWarning warning)
    {
        var target = record.Target == SlaTargetKind.Response ? "Response" : "Resolution";
        var allowed = Duration(record.TargetTime, incident.ClockKind);
        return warning == SlaWarning.Breach
            ? $"{target} SLA breached: the {allowed} target ran out at {IncidentStore.Utc(record.BreachAtUtc ?? DateTime.MinValue)}."
            : $"{target} SLA {(int)warning} % used of {allowed}; it breaches at {(record.BreachAtUtc is { } at ? IncidentStore.Utc(at) : "a time not yet known (paused)")}.";
    }

    private static string Duration(TimeSpan target, SlaClockKind clock)
    {
        var hours = target.TotalHours;
        var text = hours < 1 ? $"{target.TotalMinutes.ToString("0", CultureInfo.InvariantCulture)} min" : $"{hours.ToString("0.#", CultureInfo.InvariantCulture)} h";
        return clock == SlaClockKind.BusinessHours ? text + " of business hours" : text;
    }
}
