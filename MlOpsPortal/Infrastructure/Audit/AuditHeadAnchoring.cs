using Microsoft.EntityFrameworkCore;

namespace MlOpsPortal.Infrastructure.Audit;

/// <summary>
/// The head the holder of the <see cref="AuditChainLock"/> appended, until it is committed and written to the
/// <see cref="AuditAnchor"/> file, or discarded with the save or transaction that appended it.
/// </summary>
/// <remarks>
/// Not synchronised itself: only the lock's holder, or the lock under its own lock, touches the pending head, and
/// heads are anchored while the lock is still held, so anchor lines of this process are written in sequence order.
/// </remarks>
internal sealed class AuditHeadAnchoring
{
    private readonly AuditAnchor _anchor;
    private AuditEvent? _pendingHead;

    public AuditHeadAnchoring(AuditAnchor anchor)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        _anchor = anchor;
    }

    /// <summary>The last event the holder's save linked into the chain, to be anchored once it is committed.</summary>
    public void Appended(AuditEvent head) => _pendingHead = head;

    /// <summary>Anchors the pending head after a save that committed, i.e. one that ran outside a transaction.</summary>
    public void AnchorCommitted(DbContext context)
    {
        if (_pendingHead is not { } head)
        {
            return;
        }

        // Inside a transaction the head waits for the commit (AuditChainLock.EndTransactionHold), which may never come.
        if (context.Database.CurrentTransaction is null)
        {
            _pendingHead = null;
            Anchor(head);
        }
    }

    public AuditEvent? TakePending()
    {
        var head = _pendingHead;
        _pendingHead = null;
        return head;
    }

    public void DiscardPending() => _pendingHead = null;

    public void Anchor(AuditEvent head) =>
        _anchor.TryAppend(new AuditAnchorEntry(head.Sequence, head.Hash, head.OccurredAtUtc, AuditAnchor.Written));
}
