using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MlOpsPortal.Infrastructure.Data;

public static class DbErrors
{
    /// <summary>
    /// True when a save failed on the unique index over <paramref name="table"/>(<paramref name="columns"/>): someone
    /// else took that key or number first. A collision on any other index (the audit chain's sequence, say) is not
    /// this caller's conflict and must surface as what it is.
    /// </summary>
    public static bool IsUniqueViolation(DbUpdateException exception, string table, params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(columns);
        return exception.InnerException switch
        {
            // SQLite names the columns: "UNIQUE constraint failed: Models.Key".
            SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555
                && sqlite.Message.Contains(string.Join(", ", columns.Select(c => $"{table}.{c}")), StringComparison.Ordinal),
            // SQL Server names the index, which EF calls IX_<table>_<columns>.
            SqlException sql => sql.Number is 2601 or 2627
                && sql.Message.Contains($"IX_{table}_{string.Join('_', columns)}", StringComparison.Ordinal),
            // PostgreSQL names the constraint (the same IX_ name) in its own field.
            PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation
                && (postgres.ConstraintName ?? string.Empty).Contains($"IX_{table}_{string.Join('_', columns)}", StringComparison.Ordinal),
            _ => false,
        };
    }
}
