namespace MlOpsPortal.Features.Incidents;

/// <summary>The queue's views: whose incidents, or which ones are about to breach.</summary>
public enum QueueView
{
    Mine = 1,
    Unassigned = 2,
    BreachingSoon = 3,
    All = 4,
}

/// <summary>Which states the queue lists: the open ones (the default), all, or one.</summary>
public static class QueueStates
{
    public const string Open = "open";
    public const string Any = "any";

    public static IReadOnlyList<IncidentState>? Parse(string? filter) => filter switch
    {
        null or Open => IncidentStates.Open,
        Any => null,
        _ => Enum.TryParse<IncidentState>(filter, ignoreCase: true, out var state) && Enum.IsDefined(state) ? [state] : IncidentStates.Open,
    };
}
