using MlOpsPortal.Features.Incidents;

namespace MlOpsPortal.Tests.Features.Incidents;

/// <summary>DESIGN §11's targets, their clocks, and what a business day is.</summary>
public sealed class SlaTargetsTests
{
    [Fact]
    public void The_default_targets_follow_the_design_on_the_default_calendar()
    {
        var calendar = BusinessCalendar.Default;
        var targets = SlaTargets.Default;

        Assert.Equal((TimeSpan.FromMinutes(15), TimeSpan.FromHours(4)), Resolve(targets.For(IncidentPriority.P1), calendar));
        Assert.Equal((TimeSpan.FromMinutes(30), TimeSpan.FromHours(8)), Resolve(targets.For(IncidentPriority.P2), calendar));
        Assert.Equal((TimeSpan.FromHours(4), TimeSpan.FromHours(24)), Resolve(targets.For(IncidentPriority.P3), calendar));
        Assert.Equal((TimeSpan.FromHours(8), TimeSpan.FromHours(40)), Resolve(targets.For(IncidentPriority.P4), calendar));
    }

    [Fact]
    public void P1_and_P2_run_around_the_clock_and_P3_and_P4_on_the_business_calendar()
    {
        var calendar = BusinessCalendar.Default;

        Assert.Same(AroundTheClockCalendar.Instance, SlaTargets.Default.P1.CalendarFor(calendar));
        Assert.Same(AroundTheClockCalendar.Instance, SlaTargets.Default.P2.CalendarFor(calendar));
        Assert.Same(calendar, SlaTargets.Default.P3.CalendarFor(calendar));
        Assert.Same(calendar, SlaTargets.Default.P4.CalendarFor(calendar));
    }

    [Fact]
    public void A_business_day_is_the_calendars_working_day()
    {
        var longDays = new BusinessCalendar(opens: new TimeOnly(8, 0), closes: new TimeOnly(18, 0));

        Assert.Equal(TimeSpan.FromHours(30), SlaTargets.Default.P3.Resolution.On(longDays));
        Assert.Equal(TimeSpan.FromHours(50), SlaTargets.Default.P4.Resolution.On(longDays));
    }

    [Fact]
    public void An_edited_target_leaves_the_others_alone()
    {
        var edited = SlaTargets.Default with { P2 = SlaTargets.Default.P2 with { Response = SlaDuration.Minutes(20) } };

        Assert.Equal(TimeSpan.FromMinutes(20), edited.P2.Response.On(BusinessCalendar.Default));
        Assert.Equal(SlaTargets.Default.P1, edited.P1);
        Assert.Equal(SlaDuration.Minutes(30), SlaTargets.Default.P2.Response);
    }

    private static (TimeSpan Response, TimeSpan Resolution) Resolve(PrioritySla sla, BusinessCalendar calendar) =>
        (sla.Response.On(calendar), sla.Resolution.On(calendar));
}
