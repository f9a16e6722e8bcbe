using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MlOpsPortal.Infrastructure.Data;

/// <summary>
/// How a service runs one unit of work in its own transaction. SQL Server and PostgreSQL retry transient failures
/// through an execution strategy, and a retrying strategy refuses a transaction it did not start; so the transaction is
/// begun inside the strategy, and a retry runs the whole unit again from an empty change tracker. The work therefore
/// reads and creates what it saves inside the delegate, and commits through the transaction it is given (returning
/// without committing rolls back, as a claim that lost a race does). On SQLite the strategy runs the work once.
/// </summary>
public static class UnitOfWork
{
    private static readonly AsyncLocal<OpenScope?> Open = new();

    /// <summary>The context whose transaction the calling code runs inside, if any (<see cref="TransactionRule"/>).</summary>
    internal static DbContext? OpenTransaction => Open.Value?.Context;

    public static Task<T> InTransactionAsync<T>(this DbContext db, Func<IDbContextTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        return db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Set inside this delegate, so it flows into the work. Emptied when the work ends: a task the work started that
            // outlives the transaction (a cache filled, a delivery queued) carries the scope along but is no longer inside it.
            var scope = new OpenScope { Context = db };
            Open.Value = scope;
            try
            {
                return await work(transaction);
            }
            finally
            {
                scope.Context = null;
            }
        });
    }

    public static Task InTransactionAsync(this DbContext db, Func<IDbContextTransaction, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return db.InTransactionAsync(async transaction =>
        {
            await work(transaction);
            return true;
        }, cancellationToken);
    }

    private sealed class OpenScope
    {
        public DbContext? Context { get; set; }
    }
}
