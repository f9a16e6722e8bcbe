namespace MlOpsPortal.Features.Reports;

/// <summary>
/// When a <see cref="ReportSubscription"/> falls due and what each run covers, in the subscriber's own time zone. Pure:
/// the caller passes the instants. A local time that a spring-forward skips runs at the first instant after the gap; a
/// local time a fall-back repeats runs once, at its first occurrence.
/// </summary>
public static class ReportSchedule
{
    /// <summary>The day of the month that means "the last day of the month".</summary>
    public const int LastDayOfMonth = 31;

    /// <summary>The zone of an IANA or Windows id, or null when this machine knows no such zone.</summary>
    public static TimeZoneInfo? FindZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone) ? zone : null;

    public static bool IsValidDayOfMonth(int day) => day is >= 1 and <= 28 or LastDayOfMonth;

    /// <summary>The first run of <paramref name="subscription"/> strictly after <paramref name="afterUtc"/>, in UTC.</summary>
    public static DateTime NextRunUtc(ReportSubscription subscription, DateTime afterUtc)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var zone = ZoneOf(subscription);
        afterUtc = DateTime.SpecifyKind(afterUtc, DateTimeKind.Utc);
        // A day early: the run of the local day before may still lie after the instant once offsets are applied.
        var start = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(afterUtc, zone)).AddDays(-1);
        foreach (var day in RunDays(subscription, start))
        {
            var run = ToUtc(day.ToDateTime(subscription.LocalTime), zone);
            if (run > afterUtc)
            {
                return run;
            }
        }

        throw new InvalidOperationException("A schedule always has a run within a year."); // RunDays never ends
    }

    /// <summary>
    /// The latest run due at <paramref name="nowUtc"/>, counting on from <paramref name="nextRunUtc"/>: after an outage only
    /// the newest period is reported, not a backlog. <paramref name="nextRunUtc"/> itself when the next one is not yet due.
    /// </summary>
    public static DateTime LatestDueUtc(ReportSubscription subscription, DateTime nextRunUtc, DateTime nowUtc)
    {
        var due = DateTime.SpecifyKind(nextRunUtc, DateTimeKind.Utc);
        for (var next = NextRunUtc(subscription, due); next <= nowUtc; next = NextRunUtc(subscription, due))
        {
            due = next;
        }

        return due;
    }

    /// <summary>
    /// The days a run covers (both included; the report treats them as UTC days): weekly, the seven days before the run's
    /// local date; monthly, the calendar month before it.
    /// </summary>
    public static (DateOnly From, DateOnly To) PeriodOf(ReportSubscription subscription, DateTime runUtc)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var local = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(runUtc, DateTimeKind.Utc), ZoneOf(subscription)));
        if (subscription.Cadence == ReportCadence.Weekly)
        {
            return (local.AddDays(-7), local.AddDays(-1));
        }

        var firstOfMonth = new DateOnly(local.Year, local.Month, 1);
        return (firstOfMonth.AddMonths(-1), firstOfMonth.AddDays(-1));
    }

    /// <summary>"every Monday at 08:00" or "on the last day of each month at 07:30", for lists and mails.</summary>
    public static string Describe(ReportSubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var time = subscription.LocalTime.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        return subscription.Cadence == ReportCadence.Weekly
            ? $"every {subscription.DayOfWeek} at {time}"
            : subscription.DayOfMonth == LastDayOfMonth
                ? $"on the last day of each month at {time}"
                : $"on day {subscription.DayOfMonth} of each month at {time}";
    }

    /// <summary>The UTC instant of a wall-clock time in <paramref name="zone"/>.</summary>
    public static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsAmbiguousTime(local))
        {
            // The clock shows it twice; the first time is the one with the larger offset (still on summer time).
            return DateTime.SpecifyKind(local - zone.GetAmbiguousTimeOffsets(local).Max(), DateTimeKind.Utc);
        }

        if (zone.IsInvalidTime(local))
        {
            // Skipped by a spring-forward: the first wall-clock minute after the gap is the instant the clocks moved.
            var after = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified);
            while (zone.IsInvalidTime(after))
            {
                after = after.AddMinutes(1);
            }

            local = after;
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    private static TimeZoneInfo ZoneOf(ReportSubscription subscription) =>
        FindZone(subscription.TimeZoneId) ?? throw new InvalidOperationException($"Time zone '{subscription.TimeZoneId}' is not known on this machine.");

    /// <summary>The local days a subscription runs on, from <paramref name="start"/> on.</summary>
    private static IEnumerable<DateOnly> RunDays(ReportSubscription subscription, DateOnly start)
    {
        if (subscription.Cadence == ReportCadence.Weekly)
        {
            var weekday = subscription.DayOfWeek ?? throw new InvalidOperationException("A weekly subscription names its weekday.");
            var first = start.AddDays(((int)weekday - (int)start.DayOfWeek + 7) % 7);
            for (var day = first; ; day = day.AddDays(7))
            {
                yield return day;
            }
        }

        var dayOfMonth = subscription.DayOfMonth is { } d && IsValidDayOfMonth(d)
            ? d
            : throw new InvalidOperationException("A monthly subscription names a day from 1 to 28, or 31 for the last day.");
        for (var month = new DateOnly(start.Year, start.Month, 1); ; month = month.AddMonths(1))
        {
            var day = dayOfMonth == LastDayOfMonth ? DateTime.DaysInMonth(month.Year, month.Month) : dayOfMonth;
            var run = new DateOnly(month.Year, month.Month, day);
            if (run >= start)
            {
                yield return run;
            }
        }
    }
}
