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
public sealed class AuditChainInterceptor : SaveChangesInterceptor, IDisposable
{
    private readonly AuditChainLinker _linker;
    private readonly AuditHeadAnchoring _anchoring;

    public AuditChainInterceptor(TimeProvider timeProvider, AuditChainKey key, AuditAnchor anchor)
    {
        _linker = new AuditChainLinker(timeProvider, key);
        _anchoring = new AuditHeadAnchoring(anchor);
        ChainLock = new AuditChainLock(_anchoring);
    }

    /// <summary>This interceptor's append lock, which SQLite transactions take before BEGIN.</summary>
    internal AuditChainLock ChainLock { get; }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is not { } context || result.HasResult)
        {
            return result;
        }

        var appended = AuditChainLinker.CollectAppendedEvents(context);
        if (appended.Count == 0)
        {
            return result;
        }

        ChainLock.Acquire(context);
        try
        {
            _anchoring.Appended(_linker.Link(context, appended));
        }
        catch
        {
            ChainLock.Release(context);
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

        var appended = AuditChainLinker.CollectAppendedEvents(context);
        if (appended.Count == 0)
        {
            return result;
        }

        await ChainLock.AcquireAsync(context, cancellationToken);
        try
        {
            _anchoring.Appended(await _linker.LinkAsync(context, appended, cancellationToken));
        }
        catch
        {
            ChainLock.Release(context);
            throw;
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        AnchorCommittedHead(eventData?.Context);
        ChainLock.Release(eventData?.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData,
        int result,
        CancellationToken cancellationToken = default)
    {
        AnchorCommittedHead(eventData?.Context);
        ChainLock.Release(eventData?.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => ChainLock.Release(eventData?.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ChainLock.Release(eventData?.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => ChainLock.Release(eventData?.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        ChainLock.Release(eventData?.Context);
        return Task.CompletedTask;
    }

    // A concurrency conflict on any entity of the save ends it without SaveChangesFailed, so this is the last
    // notification that context gets. If another interceptor suppresses the exception the save goes on without
    // the lock; the unique index still rejects a racing writer, so that costs a failed save, never a fork.
    public override InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result)
    {
        ChainLock.Release(eventData?.Context);
        return result;
    }

    public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(
        ConcurrencyExceptionEventData eventData,
        InterceptionResult result,
        CancellationToken cancellationToken = default)
    {
        ChainLock.Release(eventData?.Context);
        return ValueTask.FromResult(result);
    }

    public void Dispose() => ChainLock.Dispose();

    // Called while the lock is still held, so anchor lines of this process are written in sequence order.
    private void AnchorCommittedHead(DbContext? context)
    {
        if (context is not null && ChainLock.IsHeldBy(context))
        {
            _anchoring.AnchorCommitted(context);
        }
    }
}
