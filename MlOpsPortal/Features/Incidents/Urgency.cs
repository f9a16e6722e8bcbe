namespace MlOpsPortal.Features.Incidents;

/// <summary>How fast the business needs an incident fixed; the other half of the priority matrix.</summary>
public enum Urgency
{
    High = 1,
    Medium = 2,
    Low = 3,
}
