using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MlOpsPortal.Infrastructure.Audit;

/// <summary>
/// Links every audit event added through EF Core into the hash chain and refuses to change or delete
/// stored ones. Register it once as a singleton and add it to every portal context.
/// </summary>
/// <remarks>
/// Reading the head and inserting the next events must not interleave with another writer, so appends in
/// this process are serialized from SavingChanges until EF reports the end of the save. On a server database
/// the <see cref="AuditDatabaseLock"/> is taken first and held until the appended rows are committed, which
/// covers a caller's longer transaction and other portal instances; SQLite's transactions take the in-process
/// lock for their whole length instead. Should a writer bypass both, the unique index on Sequence turns the race
/// into a failed save instead of a fork.
/// After a save that committed, the new head is appended to the <see cref="AuditAnchor"/> file. Saves inside a
/// caller's transaction are anchored when it commits on SQLite (SqliteWriteOrderInterceptor ends the hold); on
/// SQL Server the next write or verification anchors a head past them.
/// </remarks>
public sealed class AuditChainInterceptor : SaveChangesInterceptor, IDbConnectionInterceptor, IDisposable
{
    private readonly AuditChainLinker _linker;
    private readonly AuditHeadAnchoring _anchoring;
    private readonly AuditDatabaseLock _databaseLock = new();

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

        _databaseLock.Acquire(context);
        try
        {
            ChainLock.Acquire(context);
            _anchoring.Appended(_linker.Link(context, appended));
        }
        catch
        {
            ReleaseLocks(context);
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

        await _databaseLock.AcquireAsync(context, cancellationToken);
        try
        {
            await ChainLock.AcquireAsync(context, cancellationToken);
            _anchoring.Appended(await _linker.LinkAsync(context, appended, cancellationToken));
        }
        catch
        {
            ReleaseLocks(context);
            throw;
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        AnchorCommittedHead(eventData?.Context);
        ReleaseLocks(eventData?.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData,
        int result,
        CancellationToken cancellationToken = default)
    {
        AnchorCommittedHead(eventData?.Context);
        ReleaseLocks(eventData?.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => ReleaseLocks(eventData?.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ReleaseLocks(eventData?.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => ReleaseLocks(eventData?.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        ReleaseLocks(eventData?.Context);
        return Task.CompletedTask;
    }

    // A concurrency conflict on any entity of the save ends it without SaveChangesFailed, so this is the last
    // notification that context gets. If another interceptor suppresses the exception the save goes on without
    // the lock; the unique index still rejects a racing writer, so that costs a failed save, never a fork.
    // The database lock cannot be given back here, while the failed command still occupies the connection; it stays
    // with the context until its next save ends or its connection is closed or disposed.
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

    // A save whose end was never reported still holds the database lock for its session: give it back before the
    // connection returns to the pool, where it would otherwise stay locked until the connection is reused.
    public InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        _databaseLock.ReleaseBeforeConnectionEnds(eventData?.Context);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        _databaseLock.ReleaseBeforeConnectionEnds(eventData?.Context);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult ConnectionDisposing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        _databaseLock.ReleaseBeforeConnectionEnds(eventData?.Context);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionDisposingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        _databaseLock.ReleaseBeforeConnectionEnds(eventData?.Context);
        return ValueTask.FromResult(result);
    }

    public void Dispose() => ChainLock.Dispose();

    private void ReleaseLocks(DbContext? context)
    {
        ChainLock.Release(context);
        _databaseLock.Release(context);
    }

    // Called while the lock is still held, so anchor lines of this process are written in sequence order.
    private void AnchorCommittedHead(DbContext? context)
    {
        if (context is not null && ChainLock.IsHeldBy(context))
        {
            _anchoring.AnchorCommitted(context);
        }
    }
}
