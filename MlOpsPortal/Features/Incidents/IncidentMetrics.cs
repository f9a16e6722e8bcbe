using MlOpsPortal.Infrastructure.Architecture;

namespace MlOpsPortal.Features.Incidents;

/// <summary>
/// The incident measures of one period, as <see cref="IncidentMeasures"/> computes them and
/// <c>GET /api/v1/incidents/metrics</c> returns them. The period is <c>[From, To)</c>; the cohort is the incidents
/// detected in it, cancelled ones left out (raised in error or duplicates, they measure nothing about support); what
/// happened to them afterwards (an acknowledgement after <c>To</c>) counts, as known at <see cref="AsOfUtc"/>.
/// </summary>
/// <param name="Incidents">Incidents detected in the period (the cohort).</param>
/// <param name="MttaMinutes">Mean time to acknowledge: acknowledged − detected, over the cohort's acknowledged incidents.</param>
/// <param name="MttrMinutes">Mean time to resolve: resolved − detected (wall-clock, holds included), over the cohort's resolved incidents.</param>
/// <param name="MttdMinutes">Mean time to detect: detected − impact start, over the whole cohort.</param>
/// <param name="ResponseAttainmentPercent">Response targets achieved ÷ (achieved + breached), over clocks whose outcome is known.</param>
/// <param name="ResolutionAttainmentPercent">Resolution targets achieved ÷ (achieved + breached), over clocks whose outcome is known.</param>
/// <param name="Breaches">Breached SLA records of the cohort, response and resolution together.</param>
/// <param name="ByPriority">The same per priority, P1 first; every priority is listed, with zeros when it had no incident.</param>
/// <param name="BacklogByAge">Incidents open at <c>To</c>, however old, by age at <c>To</c>.</param>
/// <param name="Daily">One entry per UTC day of the period.</param>
[FeatureContract]
public sealed record IncidentMetrics(
    DateTime From,
    DateTime To,
    DateTime AsOfUtc,
    int Incidents,
    DurationStats MttaMinutes,
    DurationStats MttrMinutes,
    DurationStats MttdMinutes,
    double? ResponseAttainmentPercent,
    double? ResolutionAttainmentPercent,
    int Breaches,
    IReadOnlyList<PriorityMeasures> ByPriority,
    BacklogByAge BacklogByAge,
    IReadOnlyList<DailyMeasures> Daily);

/// <summary>A duration measure in minutes: how many incidents it is over, their mean and their median (null over none).</summary>
[FeatureContract]
public sealed record DurationStats(int Count, double? Mean, double? Median);

/// <summary>
/// One priority's share of the cohort. Attainment is achieved ÷ (achieved + breached) × 100 among the clocks whose
/// outcome is known: met (achieved or breached), or still unmet but already breached, since a breach cannot be undone.
/// Running and paused clocks are left out until they end; null when no clock has an outcome yet.
/// </summary>
[FeatureContract]
public sealed record PriorityMeasures(
    IncidentPriority Priority, int Count, double? ResponseAttainmentPercent, double? ResolutionAttainmentPercent, int ResponseBreaches, int ResolutionBreaches)
{
    public int Breaches => ResponseBreaches + ResolutionBreaches;
}

/// <summary>A priority's SLA targets in the policy, as people read them.</summary>
[FeatureContract]
public sealed record PriorityTargets(IncidentPriority Priority, string Response, string Resolution);

/// <summary>Open incidents by age (measured from detection): under 1 day, 1–3 days, 3–7 days and 7 days or more.</summary>
[FeatureContract]
public sealed record BacklogByAge(int UnderOneDay, int OneToThreeDays, int ThreeToSevenDays, int SevenDaysOrMore)
{
    public int Total => UnderOneDay + OneToThreeDays + ThreeToSevenDays + SevenDaysOrMore;
}

/// <summary>
/// One UTC day: incidents detected that day, incidents resolved that day (whenever detected), and the mean time to
/// resolve of those resolved that day (null when none was).
/// </summary>
[FeatureContract]
public sealed record DailyMeasures(DateOnly Date, int Opened, int Resolved, double? MttrMinutes);

/// <summary>The periods the overview offers; each ends now and starts at midnight UTC, so each day in it is whole but today.</summary>
[FeatureContract]
public static class MeasurePeriods
{
    public static IReadOnlyList<int> PresetDays { get; } = [7, 30, 90];

    public const int DefaultDays = 30;

    /// <summary>The longest period the API computes: a year, leap years included.</summary>
    public const int MaxDays = 366;

    /// <summary>The last <paramref name="days"/> UTC days, today included: [midnight <paramref name="days"/> − 1 days ago, now).</summary>
    public static (DateTime From, DateTime To) Last(int days, DateTime nowUtc)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        return (nowUtc.Date.AddDays(1 - days), nowUtc);
    }
}
