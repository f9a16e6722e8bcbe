using MlOpsPortal.Infrastructure.Architecture;

namespace MlOpsPortal.Features.Incidents;

/// <summary>Where one SLA target of one incident stands.</summary>
[FeatureContract]
public enum SlaStage
{
    Running = 1,

    /// <summary>On hold: the resolution clock stands still.</summary>
    Paused = 2,

    /// <summary>Met at or before the target.</summary>
    Achieved = 3,

    /// <summary>The target ran out before it was met; a breached clock stays breached when later met.</summary>
    Breached = 4,

    /// <summary>The incident was cancelled; the target no longer applies.</summary>
    Cancelled = 5,
}
