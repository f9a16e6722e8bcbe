using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MlOpsPortal.Infrastructure.Data;

public static class DbErrors
{
    /// <summary>True when a save failed on a unique index: someone else took the key or number first.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.InnerException switch
        {
            SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
            SqlException sql => sql.Number is 2601 or 2627,
            _ => false,
        };
    }
}
