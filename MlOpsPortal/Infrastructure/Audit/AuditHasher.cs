using System.Globalization;
using System.Text;

namespace MlOpsPortal.Infrastructure.Audit;

/// <summary>
/// The canonical content of an audit event, which <see cref="AuditChainKey"/> hashes to link it to its predecessor.
/// </summary>
/// <remarks>
/// <para>Canonical content, format <c>audit-event-v1</c>. It is text of exactly ten lines, each ended by a
/// line feed (LF, 0x0A, including the last), encoded as UTF-8 without a byte order mark:</para>
/// <code>
/// audit-event-v1
/// sequence:{Sequence}
/// occurredAtUtc:{OccurredAtUtc}
/// actorId:{n}:{ActorId}
/// actorName:{n}:{ActorName}
/// action:{n}:{Action}
/// entityType:{n}:{EntityType}
/// entityId:{n}:{EntityId}          or  entityId:null   when the column is NULL
/// details:{n}:{Details}            or  details:null    when the column is NULL
/// previousHash:{PreviousHash}
/// </code>
/// <list type="bullet">
/// <item>Text in braces is the column value exactly as stored: no trimming, case folding or Unicode
/// normalization. Everything else is literal ASCII.</item>
/// <item><c>{Sequence}</c> is the decimal number without sign, leading zeros or separators.</item>
/// <item><c>{OccurredAtUtc}</c> is the UTC time as <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>: always seven
/// fractional digits (100 ns ticks), e.g. <c>2025-03-01T09:30:00.1234560Z</c>.</item>
/// <item><c>{n}</c> is the length of the value in UTF-8 bytes, in decimal. The prefix keeps the encoding
/// unambiguous even when a value contains a colon or a line feed; an empty string is <c>0:</c>, which differs
/// from <c>null</c>.</item>
/// <item><c>{Details}</c> is the stored JSON text itself (compact, camelCase), not re-serialized.</item>
/// <item><c>{PreviousHash}</c> is the <c>Hash</c> of the event with sequence − 1, or 64 zeros for event 1.</item>
/// </list>
/// <para><c>Hash</c> = lower-case hexadecimal HMAC-SHA256 of those bytes (64 characters), keyed with the secret
/// <c>Audit:ChainKey</c> (<see cref="AuditChainKey"/>) that is kept outside the database. A chain is intact when
/// sequences run 1, 2, 3… without gaps, every <c>PreviousHash</c> equals the preceding event's <c>Hash</c>,
/// and every <c>Hash</c> recomputes. An auditor who is given the key can check a row independently, e.g. in Python:</para>
/// <code>
/// def field(name, value):
///     if value is None: return f"{name}:null\n"
///     return f"{name}:{len(value.encode('utf-8'))}:{value}\n"
/// # occurred_at_utc is already formatted as above, e.g. "2025-03-01T09:30:00.1234560Z"
/// text = ("audit-event-v1\n" + f"sequence:{seq}\n" + f"occurredAtUtc:{occurred_at_utc}\n"
///         + field("actorId", actor_id) + field("actorName", actor_name) + field("action", action)
///         + field("entityType", entity_type) + field("entityId", entity_id) + field("details", details)
///         + f"previousHash:{previous_hash}\n")
/// hmac.new(base64.b64decode(chain_key), text.encode("utf-8"), hashlib.sha256).hexdigest()
/// </code>
/// </remarks>
public static class AuditHasher
{
    public const string FormatVersion = "audit-event-v1";

    /// <summary>The <c>PreviousHash</c> of event 1.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string CanonicalContent(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);

        var text = new StringBuilder(256 + (auditEvent.Details?.Length ?? 0));
        text.Append(FormatVersion).Append('\n');
        text.Append("sequence:").Append(auditEvent.Sequence.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append("occurredAtUtc:").Append(FormatTimestamp(auditEvent.OccurredAtUtc)).Append('\n');
        AppendField(text, "actorId", auditEvent.ActorId);
        AppendField(text, "actorName", auditEvent.ActorName);
        AppendField(text, "action", auditEvent.Action);
        AppendField(text, "entityType", auditEvent.EntityType);
        AppendField(text, "entityId", auditEvent.EntityId);
        AppendField(text, "details", auditEvent.Details);
        text.Append("previousHash:").Append(auditEvent.PreviousHash).Append('\n');
        return text.ToString();
    }

    public static string FormatTimestamp(DateTime value) =>
        NormalizeUtc(value).ToString(TimestampFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// Providers read stored times back with <see cref="DateTimeKind.Unspecified"/>; those are UTC by the
    /// storage convention, so only a local time needs converting.
    /// </summary>
    public static DateTime NormalizeUtc(DateTime value) =>
        value.Kind switch
        {
            DateTimeKind.Utc => value,
            DateTimeKind.Local => value.ToUniversalTime(),
            _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        };

    private static void AppendField(StringBuilder text, string name, string? value)
    {
        text.Append(name).Append(':');
        if (value is null)
        {
            text.Append("null");
        }
        else
        {
            text.Append(Encoding.UTF8.GetByteCount(value).ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
        }

        text.Append('\n');
    }
}
