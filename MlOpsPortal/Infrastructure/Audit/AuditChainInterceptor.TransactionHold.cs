using System.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace MlOpsPortal.Infrastructure.Audit;

/// <summary>
/// The append lock taken within a bound, for SQLite, where a transaction holds the database's only write lock from
/// BEGIN: a transaction takes this lock first, so the two are always taken in one order, and an audited save waits
/// for it no longer than for the database itself (see SqliteWriteOrderInterceptor).
/// </summary>
public sealed partial class AuditChainInterceptor
{
    /// <summary>
    /// Takes the append lock for the whole of a database transaction <paramref name="context"/> is starting.
    /// False when the lock was not free within <paramref name="timeout"/>.
    /// </summary>
    internal async ValueTask<bool> HoldForTransactionAsync(DbContext context, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!await AcquireWithinAsync(context, timeout, cancellationToken))
        {
            return false;
        }

        MarkInTransaction(context);
        return true;
    }

    /// <inheritdoc cref="HoldForTransactionAsync"/>
    internal bool HoldForTransaction(DbContext context, TimeSpan timeout) =>
        HoldForTransactionAsync(context, timeout, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// Takes the append lock for a save that appends audit events, before the chain's own interceptor waits for it
    /// without a bound. False when it was not free within <paramref name="timeout"/>; released as every save's is.
    /// </summary>
    internal ValueTask<bool> HoldForSaveAsync(DbContext context, TimeSpan timeout, CancellationToken cancellationToken) =>
        HasAppendedEvents(context) ? AcquireWithinAsync(context, timeout, cancellationToken) : ValueTask.FromResult(true);

    /// <inheritdoc cref="HoldForSaveAsync"/>
    internal bool HoldForSave(DbContext context, TimeSpan timeout) =>
        HoldForSaveAsync(context, timeout, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// The transaction of <paramref name="context"/> committed, rolled back or failed: the lock is free again. A commit
    /// anchors the head its saves appended, which a save inside the transaction could not do yet.
    /// </summary>
    internal void EndTransactionHold(DbContext? context, bool committed)
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
                committedHead = committed ? _pendingHead : null;
                _pendingHead = null;
            }
        }

        // Still holding the gate, so anchor lines of this process stay in sequence order.
        if (committedHead is not null)
        {
            _anchor.TryAppend(new AuditAnchorEntry(committedHead.Sequence, committedHead.Hash, committedHead.OccurredAtUtc, AuditAnchor.Written));
        }

        Release(context);
    }

    /// <summary>
    /// The connection of <paramref name="context"/> closed. A transaction disposed without commit or rollback (an early
    /// return, a failed command inside SaveChanges' own transaction) raises no transaction event, but its connection
    /// closes: if the context still holds the lock for a transaction, that transaction is over and rolled back.
    /// </summary>
    internal void EndAbandonedTransactionHold(DbContext? context)
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

    private async ValueTask<bool> AcquireWithinAsync(DbContext context, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (IsHeldBy(context))
        {
            return true;
        }

        // Wall-clock time, like SQLite's own busy timeout, whatever clock the portal's timestamps come from.
        var started = Stopwatch.GetTimestamp();
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

    private static bool HasAppendedEvents(DbContext context)
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

    private static TimeSpan Shortest(TimeSpan a, TimeSpan b) => a < b ? a : b < TimeSpan.Zero ? TimeSpan.Zero : b;

    private void MarkInTransaction(DbContext context)
    {
        lock (_holderLock)
        {
            _holderInTransaction = ReferenceEquals(_holder, context);
        }
    }
}
