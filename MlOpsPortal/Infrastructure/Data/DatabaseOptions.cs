using System.ComponentModel.DataAnnotations;

namespace MlOpsPortal.Infrastructure.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}

public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    [Required]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Applies pending migrations at start. Always true for SQLite; for SQL Server and PostgreSQL a DBA may prefer the scripts.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// SQLite: how long a write waits for the database's write lock before it is refused with 503 and Retry-After.
    /// Long enough for any transaction the portal itself runs (milliseconds), short enough that a caller is not left hanging.
    /// </summary>
    [Range(1, 120)]
    public int BusyTimeoutSeconds { get; set; } = (int)DefaultBusyTimeout.TotalSeconds;
}
