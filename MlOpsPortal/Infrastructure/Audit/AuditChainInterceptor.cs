using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MlOpsPortal.Infrastructure.Audit;

/// <summary>
/// Links every audit event added through EF Core into the hash chain and refuses to change or delete
/// stored ones. Register it once as a singleton and add it to every portal context.
/// </summary>
/// <remarks>
/// Reading the head and inserting the next events must not interleave with another writer, so appends in
/// this process are serialized from SavingChanges until EF reports the end of the save. Other processes are
/// not covered by that lock; for them the unique index on Sequence turns a race into a failed save instead of
/// a fork. A caller that wraps SaveChanges in its own longer transaction is held to the same rule: a writer
/// that reads the head before that transaction commits fails on the index.
/// After a save that committed, the new head is appended to the <see cref="AuditAnchor"/> file. Saves inside a
/// caller's transaction are anchored when it commits on SQLite (SqliteWriteOrderInterceptor ends the hold); on
/// SQL Server the next write or verification anchors a head past them.
/// </remarks>
public sealed partial class AuditChainInterceptor : SaveChangesInterceptor, IDisposable
{
    // EF reports neither failure nor completion when SaveChanges throws before its own try block (another
    // interceptor throwing in SavingChanges, a DetectChanges error). The lock taken for that context would then
    // never be released and every later audit write would hang; waiters therefore check periodically whether
    // the holder is a context that has since been disposed (or leased out again by a context pool), and take
    // the lock back.
    private static readonly TimeSpan AbandonedHolderCheckInterval = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _timeProvider;
    private readonly AuditChainKey _key;
    private readonly AuditAnchor _anchor;
    private readonly SemaphoreSlim _appendGate = new(1, 1);
    private readonly Lock _holderLock = new();
    private DbContext? _holder;
    private DbContextId _holderId;
    private AuditEvent? _pendingHead;
    private bool _holderInTransaction;

    public AuditChainInterceptor(TimeProvider timeProvider, AuditChainKey key, AuditAnchor anchor)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(anchor);
        _timeProvider = timeProvider;
        _key = key;
        _anchor = anchor;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is not { } context || result.HasResult)
        {
            return result;
        }

        var appended = CollectAppendedEvents(context);
        if (appended.Count == 0)
        {
            return result;
        }

        Acquire(context);
        try
        {
            var head = HeadQuery(context).FirstOrDefault();
            Chain(appended, head);
        }
        catch
        {
            Release(context);
            throw;
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is not { } context || result.HasResult)
        {
            return result;
        }

        var appended = CollectAppendedEvents(context);
        if (appended.Count == 0)
        {
            return result;
        }

        await AcquireAsync(context, cancellationToken);
        try
        {
            var head = await HeadQuery(context).FirstOrDefaultAsync(cancellationToken);
            Chain(appended, head);
        }
        catch
        {
            Release(context);
            throw;
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        AnchorCommittedHead(eventData?.Context);
        Release(eventData?.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData,
        int result,
        CancellationToken cancellationToken = default)
    {
        AnchorCommittedHead(eventData?.Context);
        Release(eventData?.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Release(eventData?.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData?.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Release(eventData?.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData?.Context);
        return Task.CompletedTask;
    }

    // A concurrency conflict on any entity of the save ends it without SaveChangesFailed, so this is the last
    // notification that context gets. If another interceptor suppresses the exception the save goes on without
    // the lock; the unique index still rejects a racing writer, so that costs a failed save, never a fork.
    public override InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result)
    {
        Release(eventData?.Context);
        return result;
    }

    public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(
        ConcurrencyExceptionEventData eventData,
        InterceptionResult result,
        CancellationToken cancellationToken = default)
    {
        Release(eventData?.Context);
        return ValueTask.FromResult(result);
    }

    public void Dispose() => _appendGate.Dispose();

    private static IQueryable<ChainHead> HeadQuery(DbContext context) =>
        context.Set<AuditEvent>()
            .AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new ChainHead(e.Sequence, e.Hash));

    private static List<AuditEvent> CollectAppendedEvents(DbContext context)
    {
        var appended = new List<AuditEvent>();
        var tracker = context.ChangeTracker;
        var detectChanges = tracker.AutoDetectChangesEnabled;

        // SaveChanges scans every tracked entity for changes right after this interceptor; scanning only the
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

    private void Chain(List<AuditEvent> appended, ChainHead? head)
    {
        var sequence = head?.Sequence ?? 0;
        var previousHash = head?.Hash ?? AuditHasher.GenesisHash;
        var now = _timeProvider.GetUtcNow().UtcDateTime;

        // Sequence and hashes are reassigned on every attempt: after a failed save the same Added events can be
        // saved again, and by then the head may have moved.
        foreach (var auditEvent in appended)
        {
            auditEvent.Sequence = ++sequence;
            auditEvent.OccurredAtUtc = auditEvent.OccurredAtUtc == default ? now : AuditHasher.NormalizeUtc(auditEvent.OccurredAtUtc);
            auditEvent.PreviousHash = previousHash;
            auditEvent.Hash = _key.ComputeHash(auditEvent);
            previousHash = auditEvent.Hash;
        }

        _pendingHead = appended[^1];
    }

    // Called while the gate is still held, so anchor lines of this process are written in sequence order.
    private void AnchorCommittedHead(DbContext? context)
    {
        if (context is null || !IsHeldBy(context) || _pendingHead is not { } head)
        {
            return;
        }

        // Inside a transaction the head waits for the commit (EndTransactionHold), which may never come.
        if (context.Database.CurrentTransaction is null)
        {
            _pendingHead = null;
            _anchor.TryAppend(new AuditAnchorEntry(head.Sequence, head.Hash, head.OccurredAtUtc, AuditAnchor.Written));
        }
    }

    private void Acquire(DbContext context)
    {
        if (IsHeldBy(context))
        {
            return;
        }

        while (!_appendGate.Wait(AbandonedHolderCheckInterval))
        {
            ReclaimAbandonedHolder();
        }

        SetHolder(context);
    }

    private async ValueTask AcquireAsync(DbContext context, CancellationToken cancellationToken)
    {
        if (IsHeldBy(context))
        {
            return;
        }

        while (!await _appendGate.WaitAsync(AbandonedHolderCheckInterval, cancellationToken))
        {
            ReclaimAbandonedHolder();
        }

        SetHolder(context);
    }

    // A context whose earlier save ended without a notification still holds the lock; letting it wait for
    // itself would deadlock the retry.
    private bool IsHeldBy(DbContext context)
    {
        lock (_holderLock)
        {
            return ReferenceEquals(_holder, context) && _holderId == context.ContextId;
        }
    }

    private void SetHolder(DbContext context)
    {
        lock (_holderLock)
        {
            _holder = context;
            _holderId = context.ContextId;
            _pendingHead = null;
        }
    }

    // Only the holder releases, and it is cleared under the same lock, so each acquisition is released once
    // whichever of the end-of-save notifications (or the reclaim) gets there first.
    private void Release(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        lock (_holderLock)
        {
            // A save inside a transaction keeps the lock until the transaction ends (EndTransactionHold).
            if (!ReferenceEquals(_holder, context) || _holderInTransaction)
            {
                return;
            }

            _holder = null;
            _pendingHead = null;
            _appendGate.Release();
        }
    }

    private void ReclaimAbandonedHolder()
    {
        lock (_holderLock)
        {
            if (_holder is null || !IsAbandoned(_holder, _holderId))
            {
                return;
            }

            _holder = null;
            _holderInTransaction = false;
            _pendingHead = null;
            _appendGate.Release();
        }
    }

    private static bool IsAbandoned(DbContext context, DbContextId heldAs)
    {
        if (context.ContextId != heldAs)
        {
            return true;
        }

        try
        {
            _ = context.ChangeTracker;
            return false;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }

    private sealed record ChainHead(long Sequence, string Hash);
}
