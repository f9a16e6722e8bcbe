using System.Text.Json.Serialization;

namespace MlOpsPortal.Features.Incidents;

/// <summary>The state changes a person can ask for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IncidentAction>))]
public enum IncidentAction
{
    Acknowledge = 1,
    Hold = 2,
    Resume = 3,
    Resolve = 4,
    Close = 5,
    Cancel = 6,
    Reopen = 7,
}

/// <summary>The state machine: which states each action leaves from and where it leads.</summary>
public static class IncidentTransitions
{
    private static readonly Dictionary<IncidentAction, (IncidentState[] From, IncidentState To)> Table = new()
    {
        [IncidentAction.Acknowledge] = ([IncidentState.New], IncidentState.InProgress),
        [IncidentAction.Hold] = ([IncidentState.InProgress], IncidentState.OnHold),
        [IncidentAction.Resume] = ([IncidentState.OnHold], IncidentState.InProgress),
        [IncidentAction.Resolve] = ([IncidentState.InProgress, IncidentState.OnHold], IncidentState.Resolved),
        [IncidentAction.Close] = ([IncidentState.Resolved], IncidentState.Closed),
        [IncidentAction.Cancel] = ([IncidentState.New, IncidentState.InProgress], IncidentState.Cancelled),
        [IncidentAction.Reopen] = ([IncidentState.Resolved], IncidentState.InProgress),
    };

    public static IReadOnlyList<IncidentState> From(IncidentAction action) => Table[action].From;

    public static IncidentState To(IncidentAction action) => Table[action].To;

    public static bool IsAllowed(IncidentAction action, IncidentState state) => Table[action].From.Contains(state);

    /// <summary>The actions that may be taken from <paramref name="state"/>, in the order the incident page offers them.</summary>
    public static IReadOnlyList<IncidentAction> AllowedFrom(IncidentState state) =>
        [.. Enum.GetValues<IncidentAction>().Where(a => IsAllowed(a, state))];

    /// <summary>"In progress", "On hold": a state as a sentence uses it.</summary>
    public static string Label(IncidentState state) => state switch
    {
        IncidentState.InProgress => "In progress",
        IncidentState.OnHold => "On hold",
        _ => state.ToString(),
    };

    public static string Label(HoldReason reason) => reason switch
    {
        HoldReason.AwaitingCaller => "Awaiting caller",
        HoldReason.AwaitingVendor => "Awaiting vendor",
        HoldReason.AwaitingData => "Awaiting data",
        HoldReason.AwaitingRetraining => "Awaiting retraining",
        _ => "Resolved until reopened",
    };
}
