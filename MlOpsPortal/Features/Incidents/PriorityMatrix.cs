namespace MlOpsPortal.Features.Incidents;

/// <summary>
/// Impact × urgency → priority. A record of its nine cells so an admin's edit is a plain <c>with</c> and a stored copy
/// compares by value; an incident keeps the priority it was given, so an edit applies to new incidents only.
/// </summary>
public sealed record PriorityMatrix(
    IncidentPriority HighHigh, IncidentPriority HighMedium, IncidentPriority HighLow,
    IncidentPriority MediumHigh, IncidentPriority MediumMedium, IncidentPriority MediumLow,
    IncidentPriority LowHigh, IncidentPriority LowMedium, IncidentPriority LowLow)
{
    /// <summary>DESIGN §11: H×H P1; H×M, M×H P2; H×L, M×M, L×H P3; the rest P4.</summary>
    public static PriorityMatrix Default { get; } = new(
        IncidentPriority.P1, IncidentPriority.P2, IncidentPriority.P3,
        IncidentPriority.P2, IncidentPriority.P3, IncidentPriority.P4,
        IncidentPriority.P3, IncidentPriority.P4, IncidentPriority.P4);

    public IncidentPriority PriorityOf(Impact impact, Urgency urgency) => (impact, urgency) switch
    {
        (Impact.High, Urgency.High) => HighHigh,
        (Impact.High, Urgency.Medium) => HighMedium,
        (Impact.High, Urgency.Low) => HighLow,
        (Impact.Medium, Urgency.High) => MediumHigh,
        (Impact.Medium, Urgency.Medium) => MediumMedium,
        (Impact.Medium, Urgency.Low) => MediumLow,
        (Impact.Low, Urgency.High) => LowHigh,
        (Impact.Low, Urgency.Medium) => LowMedium,
        (Impact.Low, Urgency.Low) => LowLow,
        _ => throw new ArgumentOutOfRangeException(nameof(impact), $"No cell for impact {impact} and urgency {urgency}."),
    };
}
