using MlOpsPortal.Features.Incidents;
using static MlOpsPortal.Tests.Features.Incidents.BusinessCalendarTests;

namespace MlOpsPortal.Tests.Features.Incidents;

/// <summary>One SLA clock read at fixed instants: stages, pauses, the breach instant and the warnings.</summary>
public sealed class SlaClockTests
{
    private static readonly ISlaCalendar AllDay = AroundTheClockCalendar.Instance;
    private static readonly BusinessCalendar Business = BusinessCalendar.Default;

    [Fact]
    public void Response_met_exactly_at_the_target_is_achieved_and_one_second_later_is_breached()
    {
        var start = Utc(2026, 1, 13, 10);
        var target = TimeSpan.FromMinutes(15);

        var onTime = SlaClock.Read(target, AllDay, start, [], Utc(2026, 1, 13, 11), metUtc: Utc(2026, 1, 13, 10, 15));
        var late = SlaClock.Read(target, AllDay, start, [], Utc(2026, 1, 13, 11), metUtc: Utc(2026, 1, 13, 10, 15, 1));

        Assert.Equal(SlaStage.Achieved, onTime.Stage);
        Assert.Equal(target, onTime.Elapsed);
        Assert.Equal(TimeSpan.Zero, onTime.Remaining);
        Assert.Null(onTime.BreachAtUtc);
        Assert.Equal(SlaStage.Breached, late.Stage);
        Assert.Equal(Utc(2026, 1, 13, 10, 15), late.BreachAtUtc);
    }

    [Fact]
    public void An_unmet_clock_at_exactly_its_target_still_runs_and_breaches_one_second_later()
    {
        var start = Utc(2026, 1, 13, 10);
        var target = TimeSpan.FromMinutes(15);

        var atTarget = SlaClock.Read(target, AllDay, start, [], Utc(2026, 1, 13, 10, 15));
        var after = SlaClock.Read(target, AllDay, start, [], Utc(2026, 1, 13, 10, 15, 1));

        Assert.Equal(SlaStage.Running, atTarget.Stage);
        Assert.Equal(TimeSpan.Zero, atTarget.Remaining);
        Assert.Equal(SlaStage.Breached, after.Stage);
        Assert.Equal(SlaWarning.Breach, after.Warning);
    }

    [Fact]
    public void On_hold_stops_the_resolution_clock_and_resuming_starts_it_again()
    {
        // P1 resolution, 4 h 24×7 from Monday 10:00; on hold 11:00–13:00.
        var target = SlaTargets.Default.P1.Resolution.On(Business);
        var start = Utc(2026, 1, 12, 10);
        SlaPause[] held = [new(Utc(2026, 1, 12, 11))];
        SlaPause[] resumed = [new(Utc(2026, 1, 12, 11), Utc(2026, 1, 12, 13))];

        var runningBefore = SlaClock.Read(target, AllDay, start, [], Utc(2026, 1, 12, 10, 30));
        var paused = SlaClock.Read(target, AllDay, start, held, Utc(2026, 1, 12, 12));
        var stillPaused = SlaClock.Read(target, AllDay, start, held, Utc(2026, 1, 12, 12, 59));
        var running = SlaClock.Read(target, AllDay, start, resumed, Utc(2026, 1, 12, 13, 30));

        Assert.Equal(Utc(2026, 1, 12, 14), runningBefore.BreachAtUtc);
        Assert.Equal(SlaStage.Paused, paused.Stage);
        Assert.Equal(TimeSpan.FromHours(1), paused.Elapsed);
        Assert.Equal(TimeSpan.FromHours(1), stillPaused.Elapsed);
        Assert.Equal(TimeSpan.FromHours(3), stillPaused.Remaining);
        Assert.Null(stillPaused.BreachAtUtc);
        Assert.Equal(SlaStage.Running, running.Stage);
        Assert.Equal(TimeSpan.FromMinutes(90), running.Elapsed);
        // The two hours on hold move the breach from 14:00 to 16:00.
        Assert.Equal(Utc(2026, 1, 12, 16), running.BreachAtUtc);
        Assert.Equal(SlaStage.Achieved, SlaClock.Read(target, AllDay, start, resumed, Utc(2026, 1, 12, 17), metUtc: Utc(2026, 1, 12, 16)).Stage);
        Assert.Equal(SlaStage.Breached, SlaClock.Read(target, AllDay, start, resumed, Utc(2026, 1, 12, 17), metUtc: Utc(2026, 1, 12, 16, 0, 1)).Stage);
    }

    [Fact]
    public void A_hold_after_the_breach_does_not_undo_it()
    {
        var target = TimeSpan.FromHours(4);
        SlaPause[] held = [new(Utc(2026, 1, 12, 15))];

        var reading = SlaClock.Read(target, AllDay, Utc(2026, 1, 12, 10), held, Utc(2026, 1, 12, 18));

        Assert.Equal(SlaStage.Breached, reading.Stage);
        Assert.Equal(Utc(2026, 1, 12, 14), reading.BreachAtUtc);
        Assert.Equal(TimeSpan.FromHours(5), reading.Elapsed);
    }

    [Fact]
    public void Warnings_at_half_three_quarters_and_breach_are_each_due_once_as_time_moves_on()
    {
        // P2 resolution, 8 h 24×7 from midnight, read every half hour by a job that remembers the highest warning sent.
        var target = SlaTargets.Default.P2.Resolution.On(Business);
        var start = Utc(2026, 1, 13, 0);
        var sent = new List<(SlaWarning Warning, DateTime AtUtc)>();
        var lastSent = SlaWarning.None;
        for (var now = start; now <= start.AddHours(10); now = now.AddMinutes(30))
        {
            foreach (var warning in SlaClock.Read(target, AllDay, start, [], now).WarningsDue(lastSent))
            {
                sent.Add((warning, now));
                lastSent = warning;
            }
        }

        Assert.Equal(
            [(SlaWarning.Half, Utc(2026, 1, 13, 4)), (SlaWarning.ThreeQuarters, Utc(2026, 1, 13, 6)), (SlaWarning.Breach, Utc(2026, 1, 13, 8, 30))],
            sent);
        Assert.Empty(SlaClock.Read(target, AllDay, start, [], Utc(2026, 1, 13, 8)).WarningsDue(SlaWarning.ThreeQuarters));
        Assert.Equal([SlaWarning.Breach], SlaClock.Read(target, AllDay, start, [], Utc(2026, 1, 13, 8, 0, 1)).WarningsDue(SlaWarning.ThreeQuarters));
    }

    [Fact]
    public void A_stopped_clock_warns_no_more()
    {
        var target = TimeSpan.FromHours(8);
        var start = Utc(2026, 1, 13, 0);

        Assert.Empty(SlaClock.Read(target, AllDay, start, [], Utc(2026, 1, 13, 7), metUtc: Utc(2026, 1, 13, 7)).WarningsDue(SlaWarning.None));
        Assert.Equal(SlaStage.Cancelled, SlaClock.Read(target, AllDay, start, [], Utc(2026, 1, 13, 7), cancelled: true).Stage);
        Assert.Empty(SlaClock.Read(target, AllDay, start, [], Utc(2026, 1, 13, 7), cancelled: true).WarningsDue(SlaWarning.None));
    }

    [Fact]
    public void P1_runs_through_the_weekend()
    {
        // Raised on Saturday 22:00: the 4 h resolution target runs out on Sunday at 02:00.
        var target = SlaTargets.Default.P1.Resolution.On(Business);
        var clock = SlaTargets.Default.P1.CalendarFor(Business);

        var reading = SlaClock.Read(target, clock, Utc(2026, 1, 10, 22), [], Utc(2026, 1, 11, 1));

        Assert.Equal(SlaStage.Running, reading.Stage);
        Assert.Equal(TimeSpan.FromHours(3), reading.Elapsed);
        Assert.Equal(Utc(2026, 1, 11, 2), reading.BreachAtUtc);
        Assert.Equal(SlaWarning.ThreeQuarters, reading.Warning);
    }

    [Fact]
    public void P3_response_waits_for_working_hours()
    {
        // Raised on Friday 15:00: two working hours on Friday, the other two on Monday morning.
        var target = SlaTargets.Default.P3.Response.On(Business);
        var clock = SlaTargets.Default.P3.CalendarFor(Business);

        var saturday = SlaClock.Read(target, clock, Utc(2026, 1, 9, 15), [], Utc(2026, 1, 10, 12));

        Assert.Equal(SlaStage.Running, saturday.Stage);
        Assert.Equal(TimeSpan.FromHours(2), saturday.Elapsed);
        Assert.Equal(TimeSpan.FromHours(2), saturday.Remaining);
        Assert.Equal(Utc(2026, 1, 12, 11), saturday.BreachAtUtc);
        Assert.Equal(SlaWarning.Half, saturday.Warning);
    }

    [Fact]
    public void A_business_target_that_ran_out_at_closing_time_is_breached_when_met_before_the_next_opening()
    {
        // P4 response (1 business day) from Thursday 09:00 runs out Thursday 17:00; acknowledged Friday 08:00, when
        // the counted time still equals the target but the breach instant has passed.
        var target = SlaTargets.Default.P4.Response.On(Business);

        var reading = SlaClock.Read(target, Business, Utc(2026, 1, 8, 9), [], Utc(2026, 1, 9, 8), metUtc: Utc(2026, 1, 9, 8));

        Assert.Equal(target, reading.Elapsed);
        Assert.Equal(SlaStage.Breached, reading.Stage);
        Assert.Equal(Utc(2026, 1, 8, 17), reading.BreachAtUtc);
    }
}
