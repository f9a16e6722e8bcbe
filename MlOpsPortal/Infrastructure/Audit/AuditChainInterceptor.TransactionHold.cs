using System.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace MlOpsPortal.Infrastructure.Audit;

/// <summary>
/// The append lock held for a whole database transaction, for SQLite, where a transaction holds the database's only
/// write lock from BEGIN: taking this lock first keeps the two in one order (see SqliteWriteOrderInterceptor).
/// </summary>
public sealed partial class AuditChainInterceptor
{
    /// <summary>
    /// Takes the append lock for the whole of a database transaction <paramref name="context"/> is starting, so a
    /// transaction never holds the database's write lock while it waits for this one (see SqliteWriteOrderInterceptor).
    /// False when the lock was not free within <paramref name="timeout"/>.
    /// </summary>
    internal bool HoldForTransaction(DbContext context, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Wall-clock time, like SQLite's own busy timeout, whatever clock the portal's timestamps come from.
        var started = Stopwatch.GetTimestamp();
        if (!IsHeldBy(context))
        {
            while (!_appendGate.Wait(Shortest(AbandonedHolderCheckInterval, timeout - Stopwatch.GetElapsedTime(started))))
            {
                ReclaimAbandonedHolder();
                if (Stopwatch.GetElapsedTime(started) >= timeout)
                {
                    return false;
                }
            }

            SetHolder(context);
        }

        MarkInTransaction(context);
        return true;
    }

    /// <inheritdoc cref="HoldForTransaction"/>
    internal async ValueTask<bool> HoldForTransactionAsync(DbContext context, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = Stopwatch.GetTimestamp();
        if (!IsHeldBy(context))
        {
            while (!await _appendGate.WaitAsync(Shortest(AbandonedHolderCheckInterval, timeout - Stopwatch.GetElapsedTime(started)), cancellationToken))
            {
                ReclaimAbandonedHolder();
                if (Stopwatch.GetElapsedTime(started) >= timeout)
                {
                    return false;
                }
            }

            SetHolder(context);
        }

        MarkInTransaction(context);
        return true;
    }

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

    private static TimeSpan Shortest(TimeSpan a, TimeSpan b) => a < b ? a : b < TimeSpan.Zero ? TimeSpan.Zero : b;

    private void MarkInTransaction(DbContext context)
    {
        lock (_holderLock)
        {
            _holderInTransaction = ReferenceEquals(_holder, context);
        }
    }
}
