using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MlOpsPortal.Infrastructure.Audit;

namespace MlOpsPortal.Infrastructure.Data;

/// <summary>
/// SQLite has one writer, and the audit chain has one appender per process. A save that took the chain's lock and
/// then waited for the database's write lock deadlocked with a transaction that held the write lock and waited for
/// the chain's lock (a quality run recording its audit event does exactly that), until SQLite's busy timeout failed
/// one of them after 30 s and every other writer behind them. Taking the chain's lock when a transaction starts,
/// before BEGIN asks SQLite for the write lock, puts the two locks in one order. Every wait for the chain's lock is
/// bounded by the same busy timeout as the database's, and past it the write is refused as busy (503), never hung.
/// SQLite serializes writers anyway, so this costs no concurrency; SQL Server, which writes concurrently, does not
/// get this interceptor.
/// </summary>
internal sealed class SqliteWriteOrderInterceptor(AuditChainInterceptor audit, TimeSpan busyTimeout)
    : DbTransactionInterceptor, ISaveChangesInterceptor, IDbConnectionInterceptor
{
    private readonly AuditChainLock _chainLock = audit.ChainLock;

    public override InterceptionResult<DbTransaction> TransactionStarting(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context && !_chainLock.HoldForTransaction(context, busyTimeout))
        {
            throw DatabaseBusy.Exception(busyTimeout);
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context && !await _chainLock.HoldForTransactionAsync(context, busyTimeout, cancellationToken))
        {
            throw DatabaseBusy.Exception(busyTimeout);
        }

        return result;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        _chainLock.EndTransactionHold(eventData?.Context, committed: true);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        _chainLock.EndTransactionHold(eventData?.Context, committed: true);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        _chainLock.EndTransactionHold(eventData?.Context, committed: false);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        _chainLock.EndTransactionHold(eventData?.Context, committed: false);
        return Task.CompletedTask;
    }

    // BEGIN itself failing (the database busy beyond the bound) ends the hold as well as a failed commit does.
    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) =>
        _chainLock.EndTransactionHold(eventData?.Context, committed: false);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _chainLock.EndTransactionHold(eventData?.Context, committed: false);
        return Task.CompletedTask;
    }

    // Runs before the audit chain's interceptor (registered after this one), which then finds the lock already held.
    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context && !_chainLock.HoldForSave(context, busyTimeout))
        {
            throw DatabaseBusy.Exception(busyTimeout);
        }

        return result;
    }

    public async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context && !await _chainLock.HoldForSaveAsync(context, busyTimeout, cancellationToken))
        {
            throw DatabaseBusy.Exception(busyTimeout);
        }

        return result;
    }

    public void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) =>
        _chainLock.EndAbandonedTransactionHold(eventData?.Context);

    public Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        _chainLock.EndAbandonedTransactionHold(eventData?.Context);
        return Task.CompletedTask;
    }
}
