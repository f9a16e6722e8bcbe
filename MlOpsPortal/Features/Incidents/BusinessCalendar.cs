namespace MlOpsPortal.Features.Incidents;

/// <summary>
/// The business-hours clock of P3 and P4: only time inside the working hours of a working day that is not a holiday
/// counts. Hours, days and holidays are read in the calendar's own time zone, so a desk that opens at 09:00 opens at
/// 09:00 local time in winter and in summer, and a day on which the clocks change counts the hours that really passed.
/// </summary>
public sealed class BusinessCalendar : ISlaCalendar
{
    /// <summary>
    /// Europe/London rather than UTC: working hours are people's office hours, which follow a civil zone with daylight
    /// saving; in UTC a 09:00–17:00 desk in any such zone would be an hour off for half the year. London is the
    /// portal's home zone (British English throughout); an admin sets the desk's own zone.
    /// </summary>
    public const string DefaultTimeZoneId = "Europe/London";

    // Far beyond any SLA target; it only stops a loop on a calendar whose holidays leave no working day at all.
    private const int MaxDaysSearched = 366 * 20;

    private readonly TimeZoneInfo zone;

    public BusinessCalendar(
        string timeZoneId = DefaultTimeZoneId,
        TimeOnly? opens = null,
        TimeOnly? closes = null,
        IEnumerable<DayOfWeek>? workingDays = null,
        IEnumerable<DateOnly>? holidays = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(timeZoneId);
        Opens = opens ?? new TimeOnly(9, 0);
        Closes = closes ?? new TimeOnly(17, 0);
        if (Closes <= Opens)
        {
            // A night shift across midnight would need a window split over two dates; nobody has asked for one yet.
            throw new ArgumentException($"Working hours must close after they open on the same day ({Opens}–{Closes}).", nameof(closes));
        }

        WorkingDays = (workingDays ?? [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]).ToHashSet();
        if (WorkingDays.Count == 0)
        {
            throw new ArgumentException("A business calendar needs at least one working day.", nameof(workingDays));
        }

        Holidays = (holidays ?? []).ToHashSet();
        TimeZoneId = timeZoneId;
        zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
    }

    public static BusinessCalendar Default { get; } = new();

    /// <summary>An IANA zone id; working hours, working days and holidays are all read in it.</summary>
    public string TimeZoneId { get; }

    public TimeOnly Opens { get; }

    public TimeOnly Closes { get; }

    public IReadOnlySet<DayOfWeek> WorkingDays { get; }

    /// <summary>Dates in the calendar's zone on which nothing counts.</summary>
    public IReadOnlySet<DateOnly> Holidays { get; }

    /// <summary>
    /// One business day, as SLA targets count it: the nominal working hours of a day (8 h for 09:00–17:00), whatever a
    /// clock change does to one particular day.
    /// </summary>
    public TimeSpan BusinessDay => Closes - Opens;

    public bool IsWorkingDate(DateOnly date) => WorkingDays.Contains(date.DayOfWeek) && !Holidays.Contains(date);

    public TimeSpan WorkingTimeBetween(DateTime fromUtc, DateTime toUtc)
    {
        var from = UtcInstant.Of(fromUtc);
        var to = UtcInstant.Of(toUtc);
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        var total = TimeSpan.Zero;
        // One date either side: in zones that change the clocks at midnight the local date can step back.
        for (var date = LocalDate(from).AddDays(-1); date <= LocalDate(to).AddDays(1); date = date.AddDays(1))
        {
            if (!IsWorkingDate(date))
            {
                continue;
            }

            var (opensUtc, closesUtc) = WindowUtc(date);
            var start = opensUtc > from ? opensUtc : from;
            var end = closesUtc < to ? closesUtc : to;
            if (end > start)
            {
                total += end - start;
            }
        }

        return total;
    }

    public DateTime AddWorkingTime(DateTime startUtc, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        var start = UtcInstant.Of(startUtc);
        if (duration == TimeSpan.Zero)
        {
            return start;
        }

        var left = duration;
        var first = LocalDate(start).AddDays(-1);
        for (var date = first; date.DayNumber - first.DayNumber < MaxDaysSearched; date = date.AddDays(1))
        {
            if (!IsWorkingDate(date))
            {
                continue;
            }

            var (opensUtc, closesUtc) = WindowUtc(date);
            var from = opensUtc > start ? opensUtc : start;
            if (closesUtc <= from)
            {
                continue;
            }

            // "<=": a target that runs out exactly at closing time is reached at closing time, not next morning.
            if (left <= closesUtc - from)
            {
                return from + left;
            }

            left -= closesUtc - from;
        }

        throw new InvalidOperationException($"The calendar has no working time within {MaxDaysSearched} days of {start:O}.");
    }

    private DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, zone));

    private (DateTime OpensUtc, DateTime ClosesUtc) WindowUtc(DateOnly date) =>
        (ToUtc(date.ToDateTime(Opens)), ToUtc(date.ToDateTime(Closes)));

    private DateTime ToUtc(DateTime local)
    {
        // A time skipped by a spring change does not exist: the desk opens (or closes) at the first local time that does.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        // A time repeated by an autumn change is read as its first occurrence, the one with the larger offset.
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }
}
