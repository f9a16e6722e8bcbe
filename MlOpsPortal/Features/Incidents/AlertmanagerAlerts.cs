using System.Text.RegularExpressions;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Signals;

namespace MlOpsPortal.Features.Incidents;

/// <summary>An alert of the payload as the signal it becomes.</summary>
internal sealed record AlertmanagerSignal(
    string Fingerprint, SignalStatus Status, SignalSeverity Severity, string Title, string Detail, SignalSubject? Subject, string? Link, DateTime OccurredAtUtc)
{
    public string Key => AlertmanagerAlerts.KeyPrefix + Fingerprint;
}

/// <summary>
/// Reads Alertmanager's payload into signals. The labels <c>model</c> and <c>environment</c> name the registry's
/// keys; <c>severity</c> says how urgent it is. The whole payload is checked before anything is written.
/// </summary>
internal static partial class AlertmanagerAlerts
{
    public const string KeyPrefix = "alertmanager:";
    public const string ModelLabel = "model";
    public const string EnvironmentLabel = "environment";
    public const string SeverityLabel = "severity";

    // Incidents keep titles to 200 characters.
    private const int TitleMaxLength = 200;

    public static async Task<IReadOnlyList<AlertmanagerSignal>> ReadAsync(AlertmanagerPayload payload, RegistryKeys keys, DateTime now, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (payload.Version != "4")
        {
            errors.Add("version", $"This endpoint reads Alertmanager's webhook payload version 4; this one says '{payload.Version}'. Send it from Alertmanager's webhook_config unchanged.");
        }

        if (payload.Alerts is not { Count: > 0 } alerts)
        {
            errors.Add("alerts", "The payload holds no alerts.");
            errors.ThrowIfAny();
            return [];
        }

        var signals = new List<AlertmanagerSignal>();
        for (var i = 0; i < alerts.Count; i++)
        {
            if (await ReadAsync(alerts[i], $"alerts[{i}]", keys, errors, now, cancellationToken) is { } signal)
            {
                signals.Add(signal);
            }
        }

        errors.ThrowIfAny();
        return signals;
    }

    private static async Task<AlertmanagerSignal?> ReadAsync(
        AlertmanagerAlert alert, string field, RegistryKeys keys, FieldErrors errors, DateTime now, CancellationToken cancellationToken)
    {
        var valid = true;
        if (string.IsNullOrWhiteSpace(alert.Fingerprint) || !Fingerprint().IsMatch(alert.Fingerprint))
        {
            errors.Add($"{field}.fingerprint", "Each alert needs Alertmanager's fingerprint (up to 64 letters and digits): incidents follow it.");
            valid = false;
        }

        SignalStatus? status = alert.Status?.ToLowerInvariant() switch
        {
            "firing" => SignalStatus.Firing,
            "resolved" => SignalStatus.Resolved,
            _ => null,
        };
        if (status is null)
        {
            errors.Add($"{field}.status", $"An alert's status is firing or resolved, not '{alert.Status}'.");
            valid = false;
        }

        var labels = alert.Labels ?? [];
        var subject = await SubjectAsync(labels, field, keys, errors, cancellationToken);
        if (!valid || subject.Failed)
        {
            return null;
        }

        var annotations = alert.Annotations ?? [];
        var title = Text(annotations, "summary") ?? Text(labels, "alertname") ?? $"Alertmanager alert {alert.Fingerprint}";
        var detail = Text(annotations, "description") ?? string.Join(", ", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
        // Alertmanager sends nanoseconds; kept to the microsecond (PostgreSQL's precision) so the time a repeat is
        // compared with, and the one read back, are the time stored on every provider.
        var at = (status == SignalStatus.Firing ? alert.StartsAt : alert.EndsAt) is { Year: > 1 } time ? ToMicroseconds(time.UtcDateTime) : now;
        return new AlertmanagerSignal(
            alert.Fingerprint!, status!.Value, SeverityOf(Text(labels, SeverityLabel)), Clip(title, TitleMaxLength), detail, subject.Subject, WebLink(alert.GeneratorUrl),
            at > now ? now : at);
    }

    private static DateTime ToMicroseconds(DateTime utc) => new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);

    private static async Task<(SignalSubject? Subject, bool Failed)> SubjectAsync(
        Dictionary<string, string> labels, string field, RegistryKeys keys, FieldErrors errors, CancellationToken cancellationToken)
    {
        int? modelId = null, environmentId = null;
        var failed = false;
        if (Text(labels, ModelLabel) is { } modelKey)
        {
            modelId = (await keys.ModelAsync(modelKey, cancellationToken))?.Id;
            if (modelId is null)
            {
                errors.Add($"{field}.labels.{ModelLabel}", $"There is no model '{modelKey}' in the registry. Use a registered model's key, or leave the label out.");
                failed = true;
            }
        }

        if (Text(labels, EnvironmentLabel) is { } environmentKey)
        {
            environmentId = (await keys.EnvironmentAsync(environmentKey, cancellationToken))?.Id;
            if (environmentId is null)
            {
                errors.Add($"{field}.labels.{EnvironmentLabel}", await keys.UnknownEnvironmentMessageAsync(environmentKey, cancellationToken));
                failed = true;
            }
        }

        return (modelId is null && environmentId is null ? null : new SignalSubject(modelId, EnvironmentId: environmentId), failed);
    }

    /// <summary>critical → Critical; high or error → High; warning → Medium; anything else (info, none) → Low.</summary>
    public static SignalSeverity SeverityOf(string? label) => label?.ToLowerInvariant() switch
    {
        "critical" => SignalSeverity.Critical,
        "high" or "error" => SignalSeverity.High,
        "warning" => SignalSeverity.Medium,
        _ => SignalSeverity.Low,
    };

    private static string? Text(Dictionary<string, string> values, string name) =>
        values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>The incident page links to it: only a plain web address, never a script or a file.</summary>
    private static string? WebLink(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && url!.Length <= 1000 ? url : null;

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    [GeneratedRegex("^[A-Za-z0-9]{1,64}$")]
    private static partial Regex Fingerprint();
}
