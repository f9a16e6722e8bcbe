namespace MlOpsPortal.Features.Incidents;

/// <summary>
/// The warning thresholds of a target, valued as the percentage they stand for, so they order and a job can remember
/// the highest one it has sent and send each once.
/// </summary>
public enum SlaWarning
{
    None = 0,
    Half = 50,
    ThreeQuarters = 75,

    /// <summary>100 %: the target has run out (one tick past it, since meeting it exactly is still on time).</summary>
    Breach = 100,
}
