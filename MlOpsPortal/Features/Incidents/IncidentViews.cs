using MlOpsPortal.Infrastructure.Architecture;

namespace MlOpsPortal.Features.Incidents;

/// <summary>One incident as pages and the API show it, with its SLA clocks read now and what the viewer may do.</summary>
[FeatureContract]
public sealed record IncidentView(
    string Number,
    string Title,
    string Description,
    string? Model,
    int? Version,
    string? Environment,
    IncidentSource Source,
    string? SourceRef,
    string? SourceLink,
    int SignalCount,
    Impact Impact,
    Urgency Urgency,
    IncidentPriority Priority,
    SupportLevel Level,
    string? AssigneeId,
    string? AssigneeName,
    IncidentState State,
    HoldReason? HoldReason,
    ResolutionCode? ResolutionCode,
    string? ResolutionNotes,
    string? CancelReason,
    DateTime ImpactStartUtc,
    DateTime DetectedAtUtc,
    DateTime? AcknowledgedAtUtc,
    string? AcknowledgedBy,
    DateTime? ResolvedAtUtc,
    DateTime? ClosedAtUtc,
    DateTime? CancelledAtUtc,
    string CreatedByName,
    string ChangedBy,
    DateTime ChangedAtUtc,
    int Revision,
    IReadOnlyList<IncidentSla> Sla)
{
    public bool IsOpen => IncidentStates.IsOpen(State);

    public IncidentSla SlaOf(SlaTargetKind target) => Sla.Single(s => s.Target == target);

    /// <summary>The clock that runs out first; a breached one counts as run out. Null when no clock runs.</summary>
    public IncidentSla? NextSla => Sla.Where(s => s.Stage is SlaStage.Running or SlaStage.Breached).OrderBy(s => s.BreachAtUtc ?? DateTime.MaxValue).FirstOrDefault();
}

/// <summary>Every open incident by its SLA: the nearest to breaching first (at most as many as asked), how many are open, how many are past a target.</summary>
[FeatureContract]
public sealed record OpenBySla(IReadOnlyList<IncidentView> Nearest, int Open, int Breached);

/// <summary>One SLA record of an incident: which target, on which clock, and where it stands.</summary>
[FeatureContract]
public sealed record IncidentSla(
    SlaTargetKind Target,
    SlaClockKind Clock,
    SlaStage Stage,
    TimeSpan TargetTime,
    TimeSpan Elapsed,
    TimeSpan Remaining,
    DateTime? BreachAtUtc,
    SlaWarning Warning)
{
    /// <summary>0–100+: how much of the target has been used, for the countdown's colour (amber at 75, red at 100).</summary>
    public double PercentUsed => TargetTime <= TimeSpan.Zero ? 0 : Math.Round(100 * Elapsed / TargetTime, 1);
}

/// <summary>A line of the timeline.</summary>
public sealed record TimelineEntryView(DateTime AtUtc, TimelineKind Kind, string ActorName, string Text, string? Link);

/// <summary>The incidents of one model, for other features' pages (portfolio, model dashboard, health score).</summary>
[FeatureContract]
public sealed record OpenIncidentCount(int ModelId, int P1, int P2, int P3, int P4)
{
    public const int WorstShown = 3;

    public int Total => P1 + P2 + P3 + P4;

    /// <summary>The numbers of the most urgent open incidents (highest priority, then oldest), at most <see cref="WorstShown"/>.</summary>
    public IReadOnlyList<string> Worst { get; init; } = [];
}

[FeatureContract]
public static class IncidentStates
{
    public static IReadOnlyList<IncidentState> Open { get; } = [IncidentState.New, IncidentState.InProgress, IncidentState.OnHold];

    public static bool IsOpen(IncidentState state) => state is IncidentState.New or IncidentState.InProgress or IncidentState.OnHold;
}
