using MlOpsPortal.Infrastructure.Architecture;

namespace MlOpsPortal.Features.Incidents;

/// <summary>A new incident as a person or the API sends it (DESIGN §11c). Model, version and environment are keys.</summary>
public sealed record IncidentInput(
    string? Title,
    string? Description,
    string? Model,
    int? Version,
    string? Environment,
    Impact? Impact,
    Urgency? Urgency,
    DateTime? ImpactStartUtc = null);

/// <summary>The filters of the queue; <see cref="PageIndex"/> counts from 0.</summary>
[FeatureContract]
public sealed record IncidentQuery(
    string? Search = null,
    IReadOnlyList<IncidentState>? States = null,
    IncidentPriority? Priority = null,
    string? Model = null,
    string? AssigneeId = null,
    bool Unassigned = false,
    SupportLevel? Level = null,
    bool BreachingSoon = false,
    string? SortBy = null,
    bool Descending = false,
    int PageIndex = 0,
    int PageSize = 25)
{
    public const int MaxPageSize = 200;
}

/// <summary>What opens an incident besides the person filling in the form: the fields the signal settles.</summary>
internal sealed record IncidentDraft(
    string Title, string Description, int? ModelId, int? ModelVersionId, int? EnvironmentId, Impact Impact, Urgency Urgency, DateTime ImpactStartUtc,
    IncidentSource Source = IncidentSource.Manual, string? SignalKey = null, string? SourceRef = null, string? SourceLink = null, DateTime? DetectedAtUtc = null);
