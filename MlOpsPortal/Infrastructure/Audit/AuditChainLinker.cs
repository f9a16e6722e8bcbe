using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace MlOpsPortal.Infrastructure.Audit;

/// <summary>
/// Finds the audit events a save appends, refuses the save when it would change or delete stored ones or when an
/// event is invalid, and links the appended events onto the chain head: sequence, time, previous hash and keyed hash.
/// </summary>
internal sealed class AuditChainLinker
{
    private readonly TimeProvider _timeProvider;
    private readonly AuditChainKey _key;

    public AuditChainLinker(TimeProvider timeProvider, AuditChainKey key)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(key);
        _timeProvider = timeProvider;
        _key = key;
    }

    /// <summary>The events <paramref name="context"/> is about to add, in the order they were created.</summary>
    public static List<AuditEvent> CollectAppendedEvents(DbContext context)
    {
        var appended = new List<AuditEvent>();
        var tracker = context.ChangeTracker;
        var detectChanges = tracker.AutoDetectChangesEnabled;

        // SaveChanges scans every tracked entity for changes right after the audit interceptor; scanning only the
        // audit events here avoids doing that whole-context pass twice on every save. A property changed on a
        // tracked event still shows up as Modified, exactly as SaveChanges would see it.
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var entry in tracker.Entries<AuditEvent>())
            {
                if (detectChanges && entry.State == EntityState.Unchanged)
                {
                    entry.DetectChanges();
                }

                switch (entry.State)
                {
                    case EntityState.Added:
                        Validate(entry.Entity);
                        appended.Add(entry.Entity);
                        break;
                    case EntityState.Modified:
                    case EntityState.Deleted:
                        throw new InvalidOperationException(
                            $"Audit events are append-only: event {entry.Entity.Sequence} ('{entry.Entity.Action}') is " +
                            $"marked {entry.State} and would be {(entry.State == EntityState.Deleted ? "deleted" : "changed")}. " +
                            "Record a new audit event that describes the correction instead.");
                    default:
                        break;
                }
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detectChanges;
        }

        appended.Sort((left, right) => left.CreationOrder.CompareTo(right.CreationOrder));
        return appended;
    }

    /// <summary>Whether <paramref name="context"/> has audit events to add, without checking them.</summary>
    public static bool HasAppendedEvents(DbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Events are tracked as Added when added; no whole-context scan for changes is needed to see them.
        var tracker = context.ChangeTracker;
        var detectChanges = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return tracker.Entries<AuditEvent>().Any(e => e.State == EntityState.Added);
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detectChanges;
        }
    }

    /// <summary>Links <paramref name="appended"/> onto the stored head; returns the new head.</summary>
    public AuditEvent Link(DbContext context, List<AuditEvent> appended) =>
        Link(appended, HeadQuery(context).FirstOrDefault(), StoredTimePrecision(context));

    /// <inheritdoc cref="Link(DbContext, List{AuditEvent})"/>
    public async Task<AuditEvent> LinkAsync(DbContext context, List<AuditEvent> appended, CancellationToken cancellationToken) =>
        Link(appended, await HeadQuery(context).FirstOrDefaultAsync(cancellationToken), StoredTimePrecision(context));

    // The hash covers the time as it will be read back. PostgreSQL keeps microseconds, so a time with finer ticks (any
    // reading of the system clock) would come back different from what was hashed and fail every later verification.
    private static long StoredTimePrecision(DbContext context) =>
        context.Database.IsNpgsql() ? TimeSpan.TicksPerMicrosecond : 1;

    private static IQueryable<ChainHead> HeadQuery(DbContext context) =>
        context.Set<AuditEvent>()
            .AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new ChainHead(e.Sequence, e.Hash));

    private AuditEvent Link(List<AuditEvent> appended, ChainHead? head, long precisionTicks)
    {
        var sequence = head?.Sequence ?? 0;
        var previousHash = head?.Hash ?? AuditHasher.GenesisHash;
        var now = _timeProvider.GetUtcNow().UtcDateTime;
        DateTime Stored(DateTime utc) => utc.AddTicks(-(utc.Ticks % precisionTicks));

        // Sequence and hashes are reassigned on every attempt: after a failed save the same Added events can be
        // saved again, and by then the head may have moved.
        foreach (var auditEvent in appended)
        {
            auditEvent.Sequence = ++sequence;
            auditEvent.OccurredAtUtc = Stored(auditEvent.OccurredAtUtc == default ? now : AuditHasher.NormalizeUtc(auditEvent.OccurredAtUtc));
            auditEvent.PreviousHash = previousHash;
            auditEvent.Hash = _key.ComputeHash(auditEvent);
            previousHash = auditEvent.Hash;
        }

        return appended[^1];
    }

    // Checked here rather than left to the database because SQLite ignores column lengths: an event accepted
    // in development must not start failing on SQL Server.
    private static void Validate(AuditEvent auditEvent)
    {
        RequireText(auditEvent, auditEvent.ActorId, nameof(AuditEvent.ActorId), AuditEvent.MaxActorIdLength);
        RequireText(auditEvent, auditEvent.ActorName, nameof(AuditEvent.ActorName), AuditEvent.MaxActorNameLength);
        RequireText(auditEvent, auditEvent.Action, nameof(AuditEvent.Action), AuditEvent.MaxActionLength);
        RequireText(auditEvent, auditEvent.EntityType, nameof(AuditEvent.EntityType), AuditEvent.MaxEntityTypeLength);
        if (auditEvent.EntityId is { Length: > AuditEvent.MaxEntityIdLength })
        {
            throw Invalid(auditEvent, $"{nameof(AuditEvent.EntityId)} is longer than {AuditEvent.MaxEntityIdLength} characters.");
        }

        if (auditEvent.Details is not null)
        {
            try
            {
                using var _ = JsonDocument.Parse(auditEvent.Details);
            }
            catch (JsonException exception)
            {
                throw new InvalidOperationException(
                    $"Audit event '{auditEvent.Action}' is invalid: {nameof(AuditEvent.Details)} is not valid JSON.", exception);
            }
        }
    }

    private static void RequireText(AuditEvent auditEvent, string? value, string name, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw Invalid(auditEvent, $"{name} is required.");
        }

        if (value.Length > maxLength)
        {
            throw Invalid(auditEvent, $"{name} is longer than {maxLength} characters.");
        }
    }

    private static InvalidOperationException Invalid(AuditEvent auditEvent, string reason) =>
        new($"Audit event '{auditEvent.Action}' is invalid: {reason}");

    private sealed record ChainHead(long Sequence, string Hash);
}
