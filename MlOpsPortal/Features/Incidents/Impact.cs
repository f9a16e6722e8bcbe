namespace MlOpsPortal.Features.Incidents;

/// <summary>How much of the business an incident touches; one half of the priority matrix.</summary>
public enum Impact
{
    High = 1,
    Medium = 2,
    Low = 3,
}
