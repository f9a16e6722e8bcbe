namespace MlOpsPortal.Features.Incidents;

/// <summary>Which time an SLA target counts.</summary>
public enum SlaClockKind
{
    /// <summary>Every elapsed second (<see cref="AroundTheClockCalendar"/>).</summary>
    AroundTheClock = 1,

    /// <summary>Working hours of the <see cref="BusinessCalendar"/> only.</summary>
    BusinessHours = 2,
}
