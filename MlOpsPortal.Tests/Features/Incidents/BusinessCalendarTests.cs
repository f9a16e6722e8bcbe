using MlOpsPortal.Features.Incidents;

namespace MlOpsPortal.Tests.Features.Incidents;

/// <summary>
/// Working time on the default calendar (Mon–Fri 09:00–17:00 Europe/London) and variations of it. Instants are UTC;
/// London is UTC+0 in winter and UTC+1 (BST) from the last Sunday of March to the last Sunday of October.
/// </summary>
public sealed class BusinessCalendarTests
{
    private static readonly BusinessCalendar London = BusinessCalendar.Default;

    internal static DateTime Utc(int year, int month, int day, int hour, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, DateTimeKind.Utc);

    [Fact]
    public void The_default_calendar_is_weekdays_nine_to_five_in_London()
    {
        Assert.Equal("Europe/London", London.TimeZoneId);
        Assert.Equal(new TimeOnly(9, 0), London.Opens);
        Assert.Equal(new TimeOnly(17, 0), London.Closes);
        Assert.Equal(TimeSpan.FromHours(8), London.BusinessDay);
        Assert.Equal(5, London.WorkingDays.Count);
        Assert.DoesNotContain(DayOfWeek.Saturday, London.WorkingDays);
    }

    [Fact]
    public void A_weekend_does_not_count()
    {
        // Friday 16:00 to Monday 10:00 in January: one hour on Friday, one on Monday.
        Assert.Equal(TimeSpan.FromHours(2), London.WorkingTimeBetween(Utc(2026, 1, 9, 16), Utc(2026, 1, 12, 10)));
    }

    [Fact]
    public void A_holiday_does_not_count()
    {
        // Friday 16:00 BST to Tuesday 10:00 BST around the early May bank holiday (Monday 4 May 2026).
        var from = Utc(2026, 5, 1, 15);
        var to = Utc(2026, 5, 5, 9);
        var withHoliday = new BusinessCalendar(holidays: [new DateOnly(2026, 5, 4)]);

        Assert.Equal(TimeSpan.FromHours(10), London.WorkingTimeBetween(from, to));
        Assert.Equal(TimeSpan.FromHours(2), withHoliday.WorkingTimeBetween(from, to));
    }

    [Fact]
    public void Working_hours_stay_local_across_the_spring_clock_change()
    {
        // Friday 27 March 16:00 GMT (16:00 UTC) to Monday 30 March 10:00 BST (09:00 UTC): the desk's hours, not UTC's.
        Assert.Equal(TimeSpan.FromHours(2), London.WorkingTimeBetween(Utc(2026, 3, 27, 16), Utc(2026, 3, 30, 9)));
        // Monday opens at 09:00 BST, which is 08:00 UTC.
        Assert.Equal(Utc(2026, 3, 30, 8, 30), London.AddWorkingTime(Utc(2026, 3, 27, 17), TimeSpan.FromMinutes(30)));
    }

    [Fact]
    public void Working_hours_stay_local_across_the_autumn_clock_change()
    {
        // Friday 23 October 16:00 BST (15:00 UTC) to Monday 26 October 10:00 GMT (10:00 UTC).
        Assert.Equal(TimeSpan.FromHours(2), London.WorkingTimeBetween(Utc(2026, 10, 23, 15), Utc(2026, 10, 26, 10)));
        Assert.Equal(Utc(2026, 10, 26, 9, 30), London.AddWorkingTime(Utc(2026, 10, 23, 16), TimeSpan.FromMinutes(30)));
    }

    [Fact]
    public void A_working_window_that_spans_a_clock_change_counts_the_hours_that_really_passed()
    {
        // Every day 00:00–06:00 local: 01:00–02:00 does not exist on 29 March, and 01:00–02:00 happens twice on 25 October.
        var nights = new BusinessCalendar(opens: new TimeOnly(0, 0), closes: new TimeOnly(6, 0), workingDays: Enum.GetValues<DayOfWeek>());

        Assert.Equal(TimeSpan.FromHours(5), nights.WorkingTimeBetween(Utc(2026, 3, 28, 12), Utc(2026, 3, 29, 12)));
        Assert.Equal(TimeSpan.FromHours(7), nights.WorkingTimeBetween(Utc(2026, 10, 24, 12), Utc(2026, 10, 25, 12)));
        Assert.Equal(TimeSpan.FromHours(6), nights.WorkingTimeBetween(Utc(2026, 1, 10, 12), Utc(2026, 1, 11, 12)));
    }

    [Fact]
    public void Time_outside_working_hours_does_not_count()
    {
        // Tuesday 07:00 to 10:30: the desk opens at 09:00.
        Assert.Equal(TimeSpan.FromMinutes(90), London.WorkingTimeBetween(Utc(2026, 1, 13, 7), Utc(2026, 1, 13, 10, 30)));
        // Tuesday 18:00 to Wednesday 09:30: only Wednesday's first half hour.
        Assert.Equal(TimeSpan.FromMinutes(30), London.WorkingTimeBetween(Utc(2026, 1, 13, 18), Utc(2026, 1, 14, 9, 30)));
        // Saturday to Sunday, and a reversed interval: nothing.
        Assert.Equal(TimeSpan.Zero, London.WorkingTimeBetween(Utc(2026, 1, 10, 9), Utc(2026, 1, 11, 17)));
        Assert.Equal(TimeSpan.Zero, London.WorkingTimeBetween(Utc(2026, 1, 14, 12), Utc(2026, 1, 13, 12)));
    }

    [Fact]
    public void Adding_working_time_skips_the_weekend()
    {
        // One business day from Friday 16:00 ends on Monday at 16:00.
        Assert.Equal(Utc(2026, 1, 12, 16), London.AddWorkingTime(Utc(2026, 1, 9, 16), London.BusinessDay));
        // Started on Saturday, the clock first runs on Monday morning.
        Assert.Equal(Utc(2026, 1, 12, 11), London.AddWorkingTime(Utc(2026, 1, 10, 12), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Adding_working_time_that_runs_out_at_closing_time_ends_at_closing_time()
    {
        Assert.Equal(Utc(2026, 1, 9, 17), London.AddWorkingTime(Utc(2026, 1, 9, 9), TimeSpan.FromHours(8)));
        Assert.Equal(Utc(2026, 1, 12, 9, 0, 1), London.AddWorkingTime(Utc(2026, 1, 9, 9), TimeSpan.FromHours(8) + TimeSpan.FromSeconds(1)));
        Assert.Equal(Utc(2026, 1, 10, 12), London.AddWorkingTime(Utc(2026, 1, 10, 12), TimeSpan.Zero));
    }

    [Fact]
    public void Adding_and_measuring_agree()
    {
        var start = Utc(2026, 3, 26, 14, 17);
        foreach (var hours in new[] { 1, 5, 8, 13, 24, 40 })
        {
            var end = London.AddWorkingTime(start, TimeSpan.FromHours(hours));
            Assert.Equal(TimeSpan.FromHours(hours), London.WorkingTimeBetween(start, end));
        }
    }

    [Fact]
    public void A_calendar_without_working_days_or_with_backwards_hours_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new BusinessCalendar(workingDays: []));
        Assert.Throws<ArgumentException>(() => new BusinessCalendar(opens: new TimeOnly(17, 0), closes: new TimeOnly(9, 0)));
    }

    [Fact]
    public void The_24x7_clock_counts_every_second()
    {
        var clock = AroundTheClockCalendar.Instance;

        Assert.Equal(TimeSpan.FromHours(48), clock.WorkingTimeBetween(Utc(2026, 1, 10, 0), Utc(2026, 1, 12, 0)));
        Assert.Equal(Utc(2026, 1, 11, 2), clock.AddWorkingTime(Utc(2026, 1, 10, 22), TimeSpan.FromHours(4)));
    }
}
