namespace MlOpsPortal.Features.Incidents;

/// <summary>One SLA clock read at one instant.</summary>
/// <param name="Stage">Running, paused, achieved, breached or cancelled.</param>
/// <param name="Target">The counted time allowed.</param>
/// <param name="Elapsed">Counted time so far (or until met or cancelled), pauses excluded.</param>
/// <param name="Remaining">Counted time left before breach; zero once it has run out.</param>
/// <param name="BreachAtUtc">
/// When the target runs out (running) or ran out (breached); null while paused short of it and once achieved or
/// cancelled, since no instant can be promised then.
/// </param>
/// <param name="Warning">The highest threshold crossed.</param>
public sealed record SlaReading(SlaStage Stage, TimeSpan Target, TimeSpan Elapsed, TimeSpan Remaining, DateTime? BreachAtUtc, SlaWarning Warning)
{
    private static readonly SlaWarning[] Thresholds = [SlaWarning.Half, SlaWarning.ThreeQuarters, SlaWarning.Breach];

    /// <summary>
    /// The warnings to send now, given the highest already sent: every crossed threshold above it, lowest first.
    /// A stopped clock (achieved or cancelled) warns no more.
    /// </summary>
    public IReadOnlyList<SlaWarning> WarningsDue(SlaWarning lastSent) =>
        Stage is SlaStage.Achieved or SlaStage.Cancelled
            ? []
            : [.. Thresholds.Where(t => t > lastSent && t <= Warning)];
}
