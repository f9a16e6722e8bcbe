using System.Text.Json;

namespace MlOpsPortal.Infrastructure.Audit;

/// <summary>
/// One append-only record of the audit log. Features create it with <see cref="Create"/> (or
/// <see cref="AuditDbContextExtensions.AddAuditEvent"/>) and add it to the same SaveChanges as the change it
/// records; <see cref="AuditChainInterceptor"/> then assigns the chain fields.
/// </summary>
public sealed class AuditEvent
{
    public const int MaxActorIdLength = 128;
    public const int MaxActorNameLength = 256;
    public const int MaxActionLength = 128;
    public const int MaxEntityTypeLength = 128;
    public const int MaxEntityIdLength = 256;
    public const int HashLength = 64;

    private static readonly JsonSerializerOptions DetailsJsonOptions = new(JsonSerializerDefaults.Web)
    {
        DictionaryKeyPolicy = JsonNamingPolicy.CamelCase,
        // Auditors read "High", not 2.
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        WriteIndented = false,
    };

    private static long s_creationCounter;

    public long Id { get; private set; }

    /// <summary>Position in the chain, 1-based and gap-free. Assigned when the event is saved.</summary>
    public long Sequence { get; internal set; }

    /// <summary>
    /// UTC time of the event. Left at its default, it is stamped from the injected clock when saved.
    /// </summary>
    public DateTime OccurredAtUtc { get; set; }

    public string ActorId { get; init; } = string.Empty;

    public string ActorName { get; init; } = string.Empty;

    /// <summary>Dotted verb such as <c>auth.sign-in</c> or <c>model.created</c>; see <see cref="AuditActions"/>.</summary>
    public string Action { get; init; } = string.Empty;

    public string EntityType { get; init; } = string.Empty;

    public string? EntityId { get; init; }

    /// <summary>Compact camelCase JSON, or null.</summary>
    public string? Details { get; init; }

    /// <summary>Hash of the event with the previous sequence number, or <see cref="AuditHasher.GenesisHash"/> for event 1.</summary>
    public string PreviousHash { get; internal set; } = string.Empty;

    /// <summary>Lower-case hex SHA-256 as defined by <see cref="AuditHasher"/>.</summary>
    public string Hash { get; internal set; } = string.Empty;

    // Several events added to one SaveChanges must be chained in the order the feature created them, and
    // the change tracker does not promise to return entries in that order.
    internal long CreationOrder { get; } = Interlocked.Increment(ref s_creationCounter);

    public static AuditEvent Create(
        AuditActor actor,
        string action,
        string entityType,
        string? entityId,
        object? details = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        ArgumentException.ThrowIfNullOrWhiteSpace(entityType);

        return new AuditEvent
        {
            ActorId = actor.Id,
            ActorName = actor.Name,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Details = SerializeDetails(details),
        };
    }

    /// <summary>
    /// Serializes a details object the way every event stores it: camelCase names (dictionary keys too), no
    /// indentation. A <see cref="string"/> is stored as a JSON string value, not parsed as JSON.
    /// </summary>
    public static string? SerializeDetails(object? details) =>
        details switch
        {
            null => null,
            JsonElement { ValueKind: JsonValueKind.Undefined } => null,
            _ => JsonSerializer.Serialize(details, details.GetType(), DetailsJsonOptions),
        };
}
