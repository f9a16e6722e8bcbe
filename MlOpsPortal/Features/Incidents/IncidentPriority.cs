namespace MlOpsPortal.Features.Incidents;

/// <summary>How soon an incident must be answered and fixed; P1 is the most urgent.</summary>
[MlOpsPortal.Infrastructure.Architecture.FeatureContract]
public enum IncidentPriority
{
    // Numbered from 1 so the value reads as the label ("P1") and 0 is never a silently valid default.
    P1 = 1,
    P2 = 2,
    P3 = 3,
    P4 = 4,
}
