using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Incidents;

/// <summary>
/// Known timestamps, exact figures. From Monday 2 November 2026, 09:00 UTC (T0):
/// A (P1): impact T0 − 10 min, detected T0, acknowledged T0 + 5 min, resolved T0 + 2 h: both targets met.
/// B (P2): detected T0 + 1 h, acknowledged after 40 min (response 30 min: breached), resolved after 9 h (resolution 8 h: breached).
/// C (P2): impact 30 min before its detection at T0 + 2 h, still open: both targets breached by the time measured.
/// D (P3): detected T0 + 2 h and cancelled: left out of every measure. Measured at T0 + 2 days.
/// </summary>
public sealed class IncidentMeasuresTests : SlaTestContext
{
    private static readonly DateTime Day = new(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc);

    private IncidentMeasures Measures => Services.GetRequiredService<IncidentMeasures>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SeedAsync(this);
    }

    /// <summary>The scenario above, for the overview page's test too.</summary>
    internal static async Task SeedAsync(SlaTestContext context)
    {
        var t0 = Start.UtcDateTime;
        var a = await context.OpenAtAsync(Impact.High, Urgency.High, t0.AddMinutes(-10));
        context.AdvanceTo(t0.AddMinutes(5));
        await context.WorkAt.AcknowledgeAsync(Personas.Support, a.Number);
        context.AdvanceTo(t0.AddHours(1));
        var b = await context.OpenAtAsync(Impact.High, Urgency.Medium, null);
        context.AdvanceTo(t0.AddHours(1).AddMinutes(40));
        await context.WorkAt.AcknowledgeAsync(Personas.Support, b.Number);
        context.AdvanceTo(t0.AddHours(2));
        await context.WorkAt.ResolveAsync(Personas.Support, a.Number, ResolutionCode.Fixed, "Fixed.");
        await context.OpenAtAsync(Impact.High, Urgency.Medium, t0.AddHours(1).AddMinutes(30));
        var d = await context.OpenAtAsync(Impact.Medium, Urgency.Medium, null);
        await context.WorkAt.CancelAsync(Personas.Support, d.Number, "Raised twice.");
        context.AdvanceTo(t0.AddHours(10));
        await context.WorkAt.ResolveAsync(Personas.Support, b.Number, ResolutionCode.RolledBack, "Rolled back.");
        context.AdvanceTo(t0.AddDays(2));
    }

    [Fact]
    public async Task MTTA_MTTR_and_MTTD_are_the_mean_and_median_minutes_of_the_period_s_incidents()
    {
        var metrics = await Measures.ComputeAsync(Day, Start.UtcDateTime.AddDays(2));

        Assert.Equal(3, metrics.Incidents);
        Assert.Equal(new DurationStats(2, 22.5, 22.5), metrics.MttaMinutes);
        Assert.Equal(new DurationStats(2, 330, 330), metrics.MttrMinutes);
        Assert.Equal(new DurationStats(3, 13.3, 10), metrics.MttdMinutes);
    }

    [Fact]
    public async Task Attainment_and_breaches_count_per_priority_and_in_total()
    {
        var metrics = await Measures.ComputeAsync(Day, Start.UtcDateTime.AddDays(2));

        Assert.Equal(new PriorityMeasures(IncidentPriority.P1, 1, 100, 100, 0, 0), metrics.ByPriority[0]);
        Assert.Equal(new PriorityMeasures(IncidentPriority.P2, 2, 0, 0, 2, 2), metrics.ByPriority[1]);
        Assert.Equal(new PriorityMeasures(IncidentPriority.P3, 0, null, null, 0, 0), metrics.ByPriority[2]);
        Assert.Equal(4, metrics.Breaches);
        Assert.Equal(33.3, metrics.ResponseAttainmentPercent);
        Assert.Equal(33.3, metrics.ResolutionAttainmentPercent);
    }

    [Fact]
    public async Task The_backlog_is_what_was_open_at_the_end_of_the_period_by_age()
    {
        Assert.Equal(new BacklogByAge(0, 1, 0, 0), (await Measures.ComputeAsync(Day, Start.UtcDateTime.AddDays(2))).BacklogByAge);
        // At T0 + 3 h, A was resolved, B and C were open and young.
        Assert.Equal(new BacklogByAge(2, 0, 0, 0), (await Measures.ComputeAsync(Day, Start.UtcDateTime.AddHours(3))).BacklogByAge);
    }

    [Fact]
    public async Task The_daily_series_has_every_UTC_day_with_opened_resolved_and_their_MTTR()
    {
        var daily = (await Measures.ComputeAsync(Day, Start.UtcDateTime.AddDays(2))).Daily;

        Assert.Equal(
            [
                new DailyMeasures(new DateOnly(2026, 11, 2), 3, 2, 330),
                new DailyMeasures(new DateOnly(2026, 11, 3), 0, 0, null),
                new DailyMeasures(new DateOnly(2026, 11, 4), 0, 0, null),
            ],
            daily);
    }

    [Fact]
    public async Task A_preset_ends_now_and_starts_at_midnight_so_its_days_are_whole()
    {
        var week = await Measures.LastDaysAsync(7);

        Assert.Equal(new DateTime(2026, 10, 29, 0, 0, 0, DateTimeKind.Utc), week.From);
        Assert.Equal(Start.UtcDateTime.AddDays(2), week.To);
        Assert.Equal(7, week.Daily.Count);
        Assert.Equal(3, week.Incidents);
        Assert.Equal(0, (await Measures.ComputeAsync(Day.AddDays(-30), Day)).Incidents);
    }

    [Fact]
    public async Task An_empty_or_overlong_period_is_refused()
    {
        await Assert.ThrowsAsync<MlOpsPortal.Infrastructure.Api.PortalValidationException>(() => Measures.ComputeAsync(Day, Day));
        await Assert.ThrowsAsync<MlOpsPortal.Infrastructure.Api.PortalValidationException>(() => Measures.ComputeAsync(Day.AddDays(-367), Day));
    }
}
