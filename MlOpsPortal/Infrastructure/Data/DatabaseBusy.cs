using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace MlOpsPortal.Infrastructure.Data;

/// <summary>The database refused a write because another one held it longer than the portal waits.</summary>
public sealed class DatabaseBusyException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>
/// Recognises "the database is busy" wherever it surfaces (EF wraps it in DbUpdateException, the metrics writer in
/// InvalidOperationException), so every write path answers it the same way: try again shortly, nothing was saved.
/// </summary>
public static class DatabaseBusy
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqlServerLockTimeout = 1222;

    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DatabaseBusyException
                || e is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked }
                || e is SqlException { Number: SqlServerLockTimeout }
                || e is PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected })
            {
                return true;
            }
        }

        return false;
    }

    internal static DatabaseBusyException Exception(TimeSpan waited) =>
        new($"Another write held the database for more than {waited.TotalSeconds:0} s.");
}
