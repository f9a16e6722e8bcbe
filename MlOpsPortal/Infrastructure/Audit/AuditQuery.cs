namespace MlOpsPortal.Infrastructure.Audit;

/// <summary>Filter and page for <see cref="AuditLog.ListAsync"/>. Results are newest first (Sequence descending).</summary>
public sealed record AuditQuery
{
    public const int MaxPageSize = 200;

    /// <summary>The entity type of events about a person, whose entity id is theirs.</summary>
    public const string UserEntityType = "User";

    /// <summary>Zero-based.</summary>
    public int PageIndex { get; init; }

    /// <summary>1 to <see cref="MaxPageSize"/>.</summary>
    public int PageSize { get; init; } = 50;

    /// <summary>Case-insensitive substring of the actor name, the action or the entity id.</summary>
    public string? Search { get; init; }

    /// <summary>Only what this person (or key, or job) did: <see cref="AuditEvent.ActorId"/>, exactly.</summary>
    public string? ActorId { get; init; }

    /// <summary>
    /// Only what this person did or what was done about them: <see cref="AuditEvent.ActorId"/>, or an event on the
    /// <see cref="UserEntityType"/> entity with their id (their sign-ins, the grants and reviews of their access).
    /// </summary>
    public string? Involving { get; init; }

    /// <summary>Only these actions, exactly (e.g. the access log's sign-ins, refusals and key events).</summary>
    public IReadOnlyList<string>? Actions { get; init; }

    /// <summary>Start of the action, e.g. <c>auth.</c> for all sign-in related events.</summary>
    public string? ActionPrefix { get; init; }

    /// <summary>Any of these starts of the action (a family of actions, e.g. <c>deployment-request.</c> and <c>environment-policy.</c>).</summary>
    public IReadOnlyList<string>? ActionPrefixes { get; init; }

    /// <summary>Inclusive lower bound on <see cref="AuditEvent.OccurredAtUtc"/>.</summary>
    public DateTime? FromUtc { get; init; }

    /// <summary>Exclusive upper bound on <see cref="AuditEvent.OccurredAtUtc"/>.</summary>
    public DateTime? ToUtc { get; init; }
}

/// <param name="TotalCount">Matching events across all pages.</param>
public sealed record AuditPage(IReadOnlyList<AuditEvent> Items, int TotalCount, int PageIndex, int PageSize);
