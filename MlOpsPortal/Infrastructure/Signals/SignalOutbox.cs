using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Infrastructure.Signals;

/// <summary>How a feature raises a signal: added to its own context, saved with its own change.</summary>
public static class SignalOutbox
{
    public static Signal RaiseSignal(
        this PortalDbContext db,
        SignalSource source,
        SignalStatus status,
        string dedupKey,
        SignalSeverity severity,
        string title,
        DateTime occurredAtUtc,
        SignalSubject? subject = null,
        string? detail = null,
        string? sourceRef = null,
        string? link = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrWhiteSpace(dedupKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        var signal = new Signal
        {
            Source = source, Status = status, DedupKey = dedupKey, Severity = severity, Title = Clip(title, 300), Detail = Clip(detail ?? string.Empty, 4000),
            ModelId = subject?.ModelId, ModelVersionId = subject?.ModelVersionId, EnvironmentId = subject?.EnvironmentId,
            SourceRef = sourceRef, Link = link, OccurredAtUtc = occurredAtUtc,
        };
        db.Signals.Add(signal);
        return signal;
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}

/// <summary>The model, version and environment a signal is about, where known.</summary>
public sealed record SignalSubject(int? ModelId, int? ModelVersionId = null, int? EnvironmentId = null);
