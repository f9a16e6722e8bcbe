using System.ComponentModel.DataAnnotations;

namespace MlOpsPortal.Infrastructure.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    [Required]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Applies pending migrations at start. Always true for SQLite; for SQL Server a DBA may prefer the scripts.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
