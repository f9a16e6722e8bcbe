using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MlOpsPortal.Infrastructure.Audit;

/// <summary>
/// The audit chain's append lock in a server database, which every transaction and every portal instance sharing the
/// database sees. An appender reads the chain head, links its events and inserts them; another appender must not read
/// the head until those rows are committed, or both take the same sequence and one save fails on the unique index.
/// The in-process <see cref="AuditChainLock"/> cannot give that: it ends with the save, not with a caller's
/// transaction, and it knows nothing of other instances.
/// </summary>
/// <remarks>
/// Inside a transaction the lock belongs to the transaction (pg_advisory_xact_lock, sp_getapplock with a Transaction
/// owner) and ends at its commit or rollback. A save outside one is committed by EF's own transaction, which begins only
/// after the head is read, so the lock then belongs to the session and is given back when the save ends; the
/// connection stays open until then. If no end of the save is ever reported, the lock is given back when the
/// connection closes or is disposed with its context (and a pooled connection's reset releases it in any case).
/// It is always taken before the in-process lock, so the two are taken in one order and cannot deadlock.
/// SQLite needs none of this: it has one writer, and its transactions take the in-process lock before BEGIN.
/// </remarks>
internal sealed class AuditDatabaseLock
{
    // pg_advisory_* takes a bigint; the metric writers' lock uses another ("MlOps" "Pt").
    private const long PostgreSqlKey = 0x4d6c4f7073_4175; // "MlOps" "Au"
    private const string SqlServerResource = "MlOpsPortal.AuditChain";
    private const int DefaultCommandTimeoutSeconds = 30;

    private readonly ConditionalWeakTable<DbContext, SessionHold> _sessionHolds = [];

    public void Acquire(DbContext context)
    {
        if (Provider(context) is not { } provider || HoldsForThisLease(context, out _))
        {
            return;
        }

        var transaction = context.Database.CurrentTransaction;
        var openedHere = transaction is null && OpenConnection(context);
        try
        {
            using var command = LockCommand(context, provider, transaction);
            var result = command.ExecuteScalar();
            Hold(context, provider, transaction, openedHere, result);
        }
        catch
        {
            CloseIfOpenedHere(context, openedHere);
            throw;
        }
    }

    public async ValueTask AcquireAsync(DbContext context, CancellationToken cancellationToken)
    {
        if (Provider(context) is not { } provider || HoldsForThisLease(context, out _))
        {
            return;
        }

        var transaction = context.Database.CurrentTransaction;
        var openedHere = transaction is null && await OpenConnectionAsync(context, cancellationToken);
        try
        {
            await using var command = LockCommand(context, provider, transaction);
            var result = await command.ExecuteScalarAsync(cancellationToken);
            Hold(context, provider, transaction, openedHere, result);
        }
        catch
        {
            CloseIfOpenedHere(context, openedHere);
            throw;
        }
    }

    /// <summary>
    /// Gives back a lock <paramref name="context"/> holds for its session, and closes the connection if this lock opened
    /// it; a transaction's lock stays until the transaction ends. Safe to call more than once, and for contexts that hold nothing.
    /// </summary>
    public void Release(DbContext? context) => Unlock(context, closeConnection: true);

    /// <summary>The connection of <paramref name="context"/> is closing or being disposed: give back what its session holds first.</summary>
    public void ReleaseBeforeConnectionEnds(DbContext? context) => Unlock(context, closeConnection: false);

    private void Unlock(DbContext? context, bool closeConnection)
    {
        if (context is null || !HoldsForThisLease(context, out var hold) || !_sessionHolds.Remove(context))
        {
            return;
        }

        try
        {
            var connection = context.Database.GetDbConnection();
            if (connection.State == System.Data.ConnectionState.Open)
            {
                using var command = connection.CreateCommand();
                command.CommandText = hold.Provider == ServerProvider.PostgreSql
                    ? string.Create(CultureInfo.InvariantCulture, $"SELECT pg_advisory_unlock({PostgreSqlKey})")
                    : $"EXEC sp_releaseapplock @Resource = N'{SqlServerResource}', @LockOwner = 'Session'";
                command.ExecuteNonQuery();
            }
        }
        catch (Exception exception) when (exception is DbException or InvalidOperationException)
        {
            // A broken or busy connection: the error that ended the save is the one to report, and the server gives the
            // lock back when this connection is reset for reuse or dropped.
        }
        finally
        {
            if (closeConnection)
            {
                CloseIfOpenedHere(context, hold.OpenedConnection);
            }
        }
    }

    // A pooled context is leased again under a new ContextId. A hold left from an earlier lease is not this lease's: its
    // connection went back to the driver's pool, whose reset gave the lock back, so it is forgotten rather than trusted.
    private bool HoldsForThisLease(DbContext context, [NotNullWhen(true)] out SessionHold? hold)
    {
        if (!_sessionHolds.TryGetValue(context, out hold))
        {
            return false;
        }

        if (hold.Lease == context.ContextId)
        {
            return true;
        }

        _sessionHolds.Remove(context);
        hold = null;
        return false;
    }

    private void Hold(DbContext context, ServerProvider provider, IDbContextTransaction? transaction, bool openedHere, object? result)
    {
        // sp_getapplock answers with a status rather than an error: below zero is a timeout, a deadlock or a refusal.
        if (provider == ServerProvider.SqlServer && Convert.ToInt32(result, CultureInfo.InvariantCulture) < 0)
        {
            throw new InvalidOperationException(
                $"The audit trail could not be appended: the database did not grant its append lock (sp_getapplock returned {result}). Try again.");
        }

        if (transaction is null)
        {
            _sessionHolds.AddOrUpdate(context, new SessionHold(provider, openedHere, context.ContextId));
        }
    }

    private static DbCommand LockCommand(DbContext context, ServerProvider provider, IDbContextTransaction? transaction)
    {
        var command = context.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction?.GetDbTransaction();
        var timeoutSeconds = context.Database.GetCommandTimeout() ?? DefaultCommandTimeoutSeconds;
        command.CommandTimeout = timeoutSeconds;
        command.CommandText = provider == ServerProvider.PostgreSql
            ? string.Create(CultureInfo.InvariantCulture, $"SELECT pg_advisory{(transaction is null ? "" : "_xact")}_lock({PostgreSqlKey})")
            : string.Create(CultureInfo.InvariantCulture,
                $"DECLARE @granted int; EXEC @granted = sp_getapplock @Resource = N'{SqlServerResource}', @LockMode = 'Exclusive', " +
                $"@LockOwner = '{(transaction is null ? "Session" : "Transaction")}', @LockTimeout = {timeoutSeconds * 1000}; SELECT @granted;");
        return command;
    }

    private static bool OpenConnection(DbContext context)
    {
        if (context.Database.GetDbConnection().State == System.Data.ConnectionState.Open)
        {
            return false;
        }

        context.Database.OpenConnection();
        return true;
    }

    private static async ValueTask<bool> OpenConnectionAsync(DbContext context, CancellationToken cancellationToken)
    {
        if (context.Database.GetDbConnection().State == System.Data.ConnectionState.Open)
        {
            return false;
        }

        await context.Database.OpenConnectionAsync(cancellationToken);
        return true;
    }

    private static void CloseIfOpenedHere(DbContext context, bool openedHere)
    {
        if (openedHere)
        {
            context.Database.CloseConnection();
        }
    }

    private static ServerProvider? Provider(DbContext context) =>
        context.Database.IsNpgsql() ? ServerProvider.PostgreSql
        : context.Database.IsSqlServer() ? ServerProvider.SqlServer
        : null;

    private enum ServerProvider
    {
        PostgreSql,
        SqlServer,
    }

    private sealed record SessionHold(ServerProvider Provider, bool OpenedConnection, DbContextId Lease);
}
