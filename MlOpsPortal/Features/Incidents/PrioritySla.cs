namespace MlOpsPortal.Features.Incidents;

/// <summary>One priority's targets: response (met by the first acknowledgement) and resolution, on one clock.</summary>
public sealed record PrioritySla(SlaClockKind Clock, SlaDuration Response, SlaDuration Resolution)
{
    /// <summary>The clock both targets count on: the business calendar, or 24×7.</summary>
    public ISlaCalendar CalendarFor(BusinessCalendar business) =>
        Clock == SlaClockKind.BusinessHours ? business : AroundTheClockCalendar.Instance;
}
