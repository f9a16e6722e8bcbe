using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace MlOpsPortal.Infrastructure.Data;

/// <summary>
/// Retries a dropped connection or a serialization failure, as SQL Server's EnableRetryOnFailure does, but only for an
/// operation that is its own unit of work. Inside a transaction the portal began itself a retry would repeat one
/// statement of a transaction that no longer exists, so there the failure surfaces (the default strategy refuses such
/// transactions outright, which would break every explicit transaction in the portal).
/// </summary>
internal sealed class PostgreSqlExecutionStrategy(ExecutionStrategyDependencies dependencies)
    : NpgsqlRetryingExecutionStrategy(dependencies)
{
    private bool InTransaction => Dependencies.CurrentContext.Context.Database.CurrentTransaction is not null;

    protected override void OnFirstExecution()
    {
        if (InTransaction)
        {
            ExceptionsEncountered.Clear();
            return;
        }

        base.OnFirstExecution();
    }

    protected override bool ShouldRetryOn(Exception? exception) => !InTransaction && base.ShouldRetryOn(exception);
}
