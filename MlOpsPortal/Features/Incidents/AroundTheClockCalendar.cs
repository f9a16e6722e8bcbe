namespace MlOpsPortal.Features.Incidents;

/// <summary>The 24×7 clock of P1 and P2: every elapsed second counts, weekends, holidays and nights alike.</summary>
public sealed class AroundTheClockCalendar : ISlaCalendar
{
    public static AroundTheClockCalendar Instance { get; } = new();

    private AroundTheClockCalendar()
    {
    }

    public TimeSpan WorkingTimeBetween(DateTime fromUtc, DateTime toUtc)
    {
        var from = UtcInstant.Of(fromUtc);
        var to = UtcInstant.Of(toUtc);
        return to > from ? to - from : TimeSpan.Zero;
    }

    public DateTime AddWorkingTime(DateTime startUtc, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        return UtcInstant.Of(startUtc) + duration;
    }
}
