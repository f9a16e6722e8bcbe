using System.Globalization;
using MlOpsPortal.Features.Reports;

namespace MlOpsPortal.Tests.Features.Reports;

/// <summary>When subscriptions fall due and what each run covers: year and month ends, zones east of UTC, DST gaps and overlaps.</summary>
public sealed class ReportScheduleTests
{
    public static TheoryData<string, string, string> NextRuns() => new()
    {
        // weekly, Monday 08:00 Berlin (UTC+1 in winter), across the year end
        { "weekly Monday 08:00 Europe/Berlin", "2026-12-28T07:00:00Z", "2027-01-04T07:00:00Z" },
        { "weekly Monday 08:00 Europe/Berlin", "2026-12-28T06:59:00Z", "2026-12-28T07:00:00Z" },
        // last day of the month: February of a common and of a leap year, then a 30-day month and a 31-day month
        { "monthly 31 09:00 Etc/UTC", "2027-01-31T09:00:00Z", "2027-02-28T09:00:00Z" },
        { "monthly 31 09:00 Etc/UTC", "2028-01-31T09:00:00Z", "2028-02-29T09:00:00Z" },
        { "monthly 31 09:00 Etc/UTC", "2027-03-31T09:00:00Z", "2027-04-30T09:00:00Z" },
        { "monthly 31 09:00 Etc/UTC", "2027-04-30T09:00:00Z", "2027-05-31T09:00:00Z" },
        // day 1 at 00:30 in Tokyo (UTC+9): the instant falls on the last day of the month before, in UTC
        { "monthly 1 00:30 Asia/Tokyo", "2027-02-15T00:00:00Z", "2027-02-28T15:30:00Z" },
        { "monthly 1 00:30 Asia/Tokyo", "2027-02-28T15:30:00Z", "2027-03-31T15:30:00Z" },
        // Berlin springs forward on 2027-03-28 at 02:00 → 03:00: 02:30 does not exist, so the run is at 03:00 CEST (01:00Z)
        { "weekly Sunday 02:30 Europe/Berlin", "2027-03-27T00:00:00Z", "2027-03-28T01:00:00Z" },
        { "weekly Sunday 02:30 Europe/Berlin", "2027-03-28T01:00:00Z", "2027-04-04T00:30:00Z" },
        // New York falls back on 2026-11-01 at 02:00 → 01:00: 01:30 happens twice, the run is at the first (EDT, 05:30Z), once
        { "weekly Sunday 01:30 America/New_York", "2026-10-31T12:00:00Z", "2026-11-01T05:30:00Z" },
        { "weekly Sunday 01:30 America/New_York", "2026-11-01T05:30:00Z", "2026-11-08T06:30:00Z" },
        // a Windows zone id is understood too
        { "weekly Monday 08:00 W. Europe Standard Time", "2026-12-28T07:00:00Z", "2027-01-04T07:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(NextRuns))]
    public void The_next_run_is_the_first_one_strictly_after_the_instant(string schedule, string after, string expected)
    {
        var next = ReportSchedule.NextRunUtc(Parse(schedule), Utc(after));

        Assert.Equal(Utc(expected), next);
        Assert.Equal(DateTimeKind.Utc, next.Kind);
    }

    public static TheoryData<string, string, string, string> Periods() => new()
    {
        // weekly: the seven days before the run's local date, across the year end
        { "weekly Monday 08:00 Europe/Berlin", "2027-01-04T07:00:00Z", "2026-12-28", "2027-01-03" },
        // monthly: the calendar month before, whatever the day it arrives on
        { "monthly 1 09:00 Etc/UTC", "2027-03-01T09:00:00Z", "2027-02-01", "2027-02-28" },
        { "monthly 1 09:00 Etc/UTC", "2028-03-01T09:00:00Z", "2028-02-01", "2028-02-29" },
        { "monthly 31 09:00 Etc/UTC", "2027-04-30T09:00:00Z", "2027-03-01", "2027-03-31" },
        // the run's local date decides, not its UTC date: Tokyo's 1 March 00:30 is 28 February in UTC, and covers February
        { "monthly 1 00:30 Asia/Tokyo", "2027-02-28T15:30:00Z", "2027-02-01", "2027-02-28" },
        { "weekly Sunday 02:30 Europe/Berlin", "2027-03-28T01:00:00Z", "2027-03-21", "2027-03-27" },
    };

    [Theory]
    [MemberData(nameof(Periods))]
    public void A_run_covers_the_week_or_the_month_before_its_local_date(string schedule, string run, string from, string to)
    {
        var period = ReportSchedule.PeriodOf(Parse(schedule), Utc(run));

        Assert.Equal((DateOnly.Parse(from, CultureInfo.InvariantCulture), DateOnly.Parse(to, CultureInfo.InvariantCulture)), period);
    }

    [Fact]
    public void After_an_outage_only_the_latest_due_run_is_taken()
    {
        var weekly = Parse("weekly Monday 08:00 Etc/UTC");

        var latest = ReportSchedule.LatestDueUtc(weekly, Utc("2027-01-04T08:00:00Z"), Utc("2027-01-26T12:00:00Z"));

        Assert.Equal(Utc("2027-01-25T08:00:00Z"), latest);
        Assert.Equal(Utc("2027-01-04T08:00:00Z"), ReportSchedule.LatestDueUtc(weekly, Utc("2027-01-04T08:00:00Z"), Utc("2027-01-11T07:59:00Z")));
    }

    [Theory]
    [InlineData("Europe/Berlin", true)]
    [InlineData("W. Europe Standard Time", true)]
    [InlineData("Mars/Olympus_Mons", false)]
    [InlineData("", false)]
    public void Zones_are_found_by_IANA_or_Windows_id(string id, bool known) => Assert.Equal(known, ReportSchedule.FindZone(id) is not null);

    /// <summary>"weekly Monday 08:00 Europe/Berlin" or "monthly 31 09:00 Etc/UTC" (the zone may contain spaces).</summary>
    private static ReportSubscription Parse(string schedule)
    {
        var parts = schedule.Split(' ', 4);
        var weekly = parts[0] == "weekly";
        return new ReportSubscription
        {
            PersonId = "p",
            PersonName = "P",
            TimeZoneId = parts[3],
            Cadence = weekly ? ReportCadence.Weekly : ReportCadence.Monthly,
            DayOfWeek = weekly ? Enum.Parse<DayOfWeek>(parts[1]) : null,
            DayOfMonth = weekly ? null : int.Parse(parts[1], CultureInfo.InvariantCulture),
            LocalTime = TimeOnly.Parse(parts[2], CultureInfo.InvariantCulture),
        };
    }

    private static DateTime Utc(string instant) => DateTime.Parse(instant, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
