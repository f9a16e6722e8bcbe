namespace MlOpsPortal.Features.Incidents;

/// <summary>
/// A target's length: a fixed time, business days, or both. Business days stay a count until a calendar is known,
/// so an admin who lengthens the working day lengthens "3 business days" with it.
/// </summary>
public readonly record struct SlaDuration(TimeSpan Time, int BusinessDays = 0)
{
    public static SlaDuration Minutes(int minutes) => new(TimeSpan.FromMinutes(minutes));

    public static SlaDuration Hours(int hours) => new(TimeSpan.FromHours(hours));

    public static SlaDuration Days(int businessDays) => new(TimeSpan.Zero, businessDays);

    /// <summary>The counted time this target allows; a business day is <see cref="BusinessCalendar.BusinessDay"/>.</summary>
    public TimeSpan On(BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return Time + (calendar.BusinessDay * BusinessDays);
    }
}
