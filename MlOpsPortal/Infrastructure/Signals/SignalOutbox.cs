using Microsoft.EntityFrameworkCore;
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

    /// <summary>
    /// Whether the newest saved signal with this key says the problem is on. A raiser says "resolved" only then, so a
    /// good outcome after a good outcome (every clean report, every deployment) leaves no noise in the outbox.
    /// </summary>
    public static Task<bool> IsFiringAsync(this PortalDbContext db, string dedupKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Signals.Where(s => s.DedupKey == dedupKey).OrderByDescending(s => s.Id).Select(s => s.Status == SignalStatus.Firing).FirstOrDefaultAsync(cancellationToken);
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}

/// <summary>The model, version and environment a signal is about, where known.</summary>
public sealed record SignalSubject(int? ModelId, int? ModelVersionId = null, int? EnvironmentId = null);
