using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Infrastructure.Architecture;
using MlOpsPortal.Infrastructure.Audit;

namespace MlOpsPortal.Features.Access;

/// <summary>One audit event as a sentence needs it: its entity id, the values of its details, and what its deployment request asks.</summary>
[FeatureContract]
public sealed class AuditFacts
{
    private readonly JsonObject? details;

    public AuditFacts(AuditEvent auditEvent, DeploymentRequestSubject? request = null)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        Event = auditEvent;
        Request = request;
        details = Parse(auditEvent.Details) as JsonObject;
    }

    public AuditEvent Event { get; }

    public string? EntityId => Event.EntityId;

    /// <summary>The deployment request the event is about, when the log looked it up.</summary>
    public DeploymentRequestSubject? Request { get; }

    /// <summary>A top-level value of the details as text (strings, numbers, true/false), or null.</summary>
    public string? Text(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return details?.TryGetPropertyValue(name, out var node) == true ? Scalar(node) : null;
    }

    /// <summary>A value inside a top-level object of the details (<c>after.name</c>), or null.</summary>
    public string? Text(string parent, string name)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(name);
        return details?.TryGetPropertyValue(parent, out var node) == true && node is JsonObject inner && inner.TryGetPropertyValue(name, out var value)
            ? Scalar(value)
            : null;
    }

    public int? Number(string name) =>
        int.TryParse(Text(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    internal static JsonNode? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            // Hand-written or legacy details that are not JSON still read as text.
            return JsonValue.Create(json);
        }
    }

    private static string? Scalar(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.ToJsonString(),
            JsonValueKind.True => "yes",
            JsonValueKind.False => "no",
            _ => null,
        }
        : null;
}
