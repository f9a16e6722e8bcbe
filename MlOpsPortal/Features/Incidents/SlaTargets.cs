namespace MlOpsPortal.Features.Incidents;

/// <summary>
/// Per-priority response and resolution targets. A record so an admin's edit is a <c>with</c>; an incident's SLA
/// records are computed from the targets in force when they start.
/// </summary>
public sealed record SlaTargets(PrioritySla P1, PrioritySla P2, PrioritySla P3, PrioritySla P4)
{
    /// <summary>
    /// DESIGN §11. P1 and P2 run 24×7 because an outage at 02:00 on a Sunday is still an outage; P3 and P4 wait for
    /// working hours. A "business day" is the calendar's working hours of one day (8 h for 09:00–17:00), so
    /// "1 business day" from 16:00 on a Friday ends at 16:00 on the Monday.
    /// </summary>
    public static SlaTargets Default { get; } = new(
        new PrioritySla(SlaClockKind.AroundTheClock, SlaDuration.Minutes(15), SlaDuration.Hours(4)),
        new PrioritySla(SlaClockKind.AroundTheClock, SlaDuration.Minutes(30), SlaDuration.Hours(8)),
        new PrioritySla(SlaClockKind.BusinessHours, SlaDuration.Hours(4), SlaDuration.Days(3)),
        new PrioritySla(SlaClockKind.BusinessHours, SlaDuration.Days(1), SlaDuration.Days(5)));

    public PrioritySla For(IncidentPriority priority) => priority switch
    {
        IncidentPriority.P1 => P1,
        IncidentPriority.P2 => P2,
        IncidentPriority.P3 => P3,
        IncidentPriority.P4 => P4,
        _ => throw new ArgumentOutOfRangeException(nameof(priority), priority, "No SLA for this priority."),
    };
}
