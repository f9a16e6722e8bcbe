using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Infrastructure.Audit;

/// <summary>
/// The append lock of one <see cref="AuditChainInterceptor"/>: one context at a time reads the chain head and inserts
/// the next events. A context holds it from the save that appends until EF reports the end of that save, or, on
/// SQLite, for the whole of a transaction it starts: there a transaction holds the database's only write lock from
/// BEGIN, so it takes this lock first, the two are always taken in one order, and an audited save waits for it no
/// longer than for the database itself (see SqliteWriteOrderInterceptor).
/// </summary>
internal sealed class AuditChainLock : IDisposable
{
    // EF reports neither failure nor completion when SaveChanges throws before its own try block (another
    // interceptor throwing in SavingChanges, a DetectChanges error), and a pooled context can go back to its pool still
    // named as a transaction's holder (seen in BusyDatabaseTests). The lock taken for that context would then never be
    // released and every later audit write would hang; waiters therefore check, before they wait and then periodically,
    // whether the holder's lease is over (the context disposed, returned to its pool or leased out again), and take the
    // lock back.
    private static readonly TimeSpan AbandonedHolderCheckInterval = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _appendGate = new(1, 1);
    private readonly Lock _holderLock = new();
    private readonly AuditHeadAnchoring _anchoring;
    private DbContext? _holder;
    private DbContextId _holderId;
    private bool _holderInTransaction;

    public AuditChainLock(AuditHeadAnchoring anchoring)
    {
        ArgumentNullException.ThrowIfNull(anchoring);
        _anchoring = anchoring;
    }

    public void Acquire(DbContext context)
    {
        if (IsHeldBy(context))
        {
            return;
        }

        ReclaimAbandonedHolder();
        while (!_appendGate.Wait(AbandonedHolderCheckInterval))
        {
            ReclaimAbandonedHolder();
        }

        SetHolder(context);
    }

    public async ValueTask AcquireAsync(DbContext context, CancellationToken cancellationToken)
    {
        if (IsHeldBy(context))
        {
            return;
        }

        ReclaimAbandonedHolder();
        while (!await _appendGate.WaitAsync(AbandonedHolderCheckInterval, cancellationToken))
        {
            ReclaimAbandonedHolder();
        }

        SetHolder(context);
    }

    /// <summary>
    /// Takes the append lock for the whole of a database transaction <paramref name="context"/> is starting.
    /// False when the lock was not free within <paramref name="timeout"/>.
    /// </summary>
    public async ValueTask<bool> HoldForTransactionAsync(DbContext context, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!await AcquireWithinAsync(context, timeout, cancellationToken))
        {
            return false;
        }

        MarkInTransaction(context);
        return true;
    }

    /// <inheritdoc cref="HoldForTransactionAsync"/>
    public bool HoldForTransaction(DbContext context, TimeSpan timeout) =>
        HoldForTransactionAsync(context, timeout, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// Takes the append lock for a save that appends audit events, before the chain's own interceptor waits for it
    /// without a bound. False when it was not free within <paramref name="timeout"/>; released as every save's is.
    /// </summary>
    public ValueTask<bool> HoldForSaveAsync(DbContext context, TimeSpan timeout, CancellationToken cancellationToken) =>
        AuditChainLinker.HasAppendedEvents(context) ? AcquireWithinAsync(context, timeout, cancellationToken) : ValueTask.FromResult(true);

    /// <inheritdoc cref="HoldForSaveAsync"/>
    public bool HoldForSave(DbContext context, TimeSpan timeout) =>
        HoldForSaveAsync(context, timeout, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// The transaction of <paramref name="context"/> committed, rolled back or failed: the lock is free again. A commit
    /// anchors the head its saves appended, which a save inside the transaction could not do yet.
    /// </summary>
    public void EndTransactionHold(DbContext? context, bool committed)
    {
        if (context is null)
        {
            return;
        }

        AuditEvent? committedHead = null;
        lock (_holderLock)
        {
            if (ReferenceEquals(_holder, context))
            {
                _holderInTransaction = false;
                var pendingHead = _anchoring.TakePending();
                committedHead = committed ? pendingHead : null;
            }
        }

        // Still holding the gate, so anchor lines of this process stay in sequence order.
        if (committedHead is not null)
        {
            _anchoring.Anchor(committedHead);
        }

        Release(context);
    }

    /// <summary>
    /// The connection of <paramref name="context"/> closed. A transaction disposed without commit or rollback (an early
    /// return, a failed command inside SaveChanges' own transaction) raises no transaction event, but its connection
    /// closes: if the context still holds the lock for a transaction, that transaction is over and rolled back.
    /// </summary>
    public void EndAbandonedTransactionHold(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        lock (_holderLock)
        {
            if (!ReferenceEquals(_holder, context) || !_holderInTransaction || context.Database.CurrentTransaction is not null)
            {
                return;
            }
        }

        EndTransactionHold(context, committed: false);
    }

    // A context whose earlier save ended without a notification still holds the lock; letting it wait for
    // itself would deadlock the retry.
    public bool IsHeldBy(DbContext context)
    {
        lock (_holderLock)
        {
            return ReferenceEquals(_holder, context) && _holderId == context.ContextId;
        }
    }

    // Only the holder releases, and it is cleared under the same lock, so each acquisition is released once
    // whichever of the end-of-save notifications (or the reclaim) gets there first.
    public void Release(DbContext? context)
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
            _anchoring.DiscardPending();
            _appendGate.Release();
        }
    }

    public void Dispose() => _appendGate.Dispose();

    private async ValueTask<bool> AcquireWithinAsync(DbContext context, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (IsHeldBy(context))
        {
            return true;
        }

        // Wall-clock time, like SQLite's own busy timeout, whatever clock the portal's timestamps come from.
        var started = Stopwatch.GetTimestamp();
        ReclaimAbandonedHolder();
        while (!await _appendGate.WaitAsync(Shortest(AbandonedHolderCheckInterval, timeout - Stopwatch.GetElapsedTime(started)), cancellationToken))
        {
            ReclaimAbandonedHolder();
            if (Stopwatch.GetElapsedTime(started) >= timeout)
            {
                return false;
            }
        }

        SetHolder(context);
        return true;
    }

    private static TimeSpan Shortest(TimeSpan a, TimeSpan b) => a < b ? a : b < TimeSpan.Zero ? TimeSpan.Zero : b;

    private void SetHolder(DbContext context)
    {
        lock (_holderLock)
        {
            _holder = context;
            _holderId = context.ContextId;
            _anchoring.DiscardPending();
        }
    }

    private void MarkInTransaction(DbContext context)
    {
        lock (_holderLock)
        {
            _holderInTransaction = ReferenceEquals(_holder, context);
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
            _anchoring.DiscardPending();
            _appendGate.Release();
        }
    }

    private static bool IsAbandoned(DbContext context, DbContextId heldAs)
    {
        // A pooled context sitting in its pool is neither disposed nor leased again yet.
        if (context.ContextId != heldAs || (context is PortalDbContext { EndedLease: { } ended } && ended == heldAs))
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
}
