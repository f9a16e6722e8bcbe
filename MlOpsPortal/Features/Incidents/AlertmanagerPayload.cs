namespace MlOpsPortal.Features.Incidents;

/// <summary>
/// Alertmanager's webhook body, version 4, exactly as it sends it (its webhook_config documentation). Everything is
/// nullable: what is missing is reported per field, not as a failed bind.
/// </summary>
public sealed record AlertmanagerPayload(
    string? Version,
    string? GroupKey,
    int? TruncatedAlerts,
    string? Status,
    string? Receiver,
    Dictionary<string, string>? GroupLabels,
    Dictionary<string, string>? CommonLabels,
    Dictionary<string, string>? CommonAnnotations,
    string? ExternalUrl,
    List<AlertmanagerAlert>? Alerts);

/// <summary>One alert of the group. Firing alerts carry the zero time ("0001-01-01T00:00:00Z") as endsAt.</summary>
public sealed record AlertmanagerAlert(
    string? Status,
    Dictionary<string, string>? Labels,
    Dictionary<string, string>? Annotations,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    string? GeneratorUrl,
    string? Fingerprint);

/// <summary>What the portal did with each alert of a webhook call.</summary>
public sealed record AlertmanagerReceipt(IReadOnlyList<AlertmanagerOutcome> Alerts);

/// <summary>
/// One alert's fate: the incident its fingerprint is bound to (null when a resolved alert found none) and what
/// happened ("opened INC-000012", "attached to INC-000012", "noted on INC-000012", "resolved INC-000012").
/// </summary>
public sealed record AlertmanagerOutcome(string Fingerprint, string Status, string? Incident, string Outcome);
