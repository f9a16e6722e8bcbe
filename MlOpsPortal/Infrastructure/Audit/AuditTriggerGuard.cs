using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Infrastructure.Audit;

/// <summary>
/// Makes sure the append-only triggers exist as the migrations created them. A trigger that is missing,
/// disabled or altered is recreated and the repair is itself audited; the caller reports it as tampering.
/// </summary>
public sealed partial class AuditTriggerGuard(IDbContextFactory<PortalDbContext> contextFactory, ILogger<AuditTriggerGuard> logger)
{
    public const string RepairedAction = "audit.triggers-recreated";

    /// <summary>Names of the triggers that had to be recreated; empty when all were in place.</summary>
    public async Task<IReadOnlyList<string>> EnsureAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);

        // Before the migrations have run the tables (or the triggers' own migration) may be missing, and
        // creating the triggers here would make that migration fail.
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            LogSkipped(logger);
            return [];
        }

        var sqlServer = db.Database.IsSqlServer();
        var postgreSql = db.Database.IsNpgsql();
        var expected = sqlServer ? AuditTriggers.SqlServer : postgreSql ? AuditTriggers.PostgreSql : AuditTriggers.Sqlite;
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        var present = await ReadTriggersAsync(connection, sqlServer ? SqlServerTriggers : postgreSql ? PostgreSqlTriggers : SqliteTriggers, cancellationToken);

        var repaired = new List<string>();
        foreach (var trigger in expected)
        {
            if (present.TryGetValue(trigger.Name, out var stored) && Normalize(stored) == Normalize(trigger.Stored))
            {
                continue;
            }

            await ExecuteAsync(connection, trigger.DropSql, cancellationToken);
            await ExecuteAsync(connection, sqlServer ? $"EXEC(N'{trigger.CreateSql.Replace("'", "''", StringComparison.Ordinal)}')" : trigger.CreateSql, cancellationToken);
            repaired.Add(trigger.Name);
        }

        if (repaired.Count > 0)
        {
            LogRepaired(logger, string.Join(", ", repaired));
            db.AddAuditEvent(AuditActor.System, RepairedAction, "AuditTrigger", null, new { triggers = repaired });
            await db.SaveChangesAsync(cancellationToken);
        }

        return repaired;
    }

    // A disabled SQL Server or PostgreSQL trigger reads as absent, so it is recreated like a dropped one.
    private const string SqlServerTriggers = "SELECT name, OBJECT_DEFINITION(object_id) FROM sys.triggers WHERE is_disabled = 0";
    private const string SqliteTriggers = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'";

    // A PostgreSQL trigger reads as its type bits and its function's body: the function can be replaced without
    // touching the trigger.
    private const string PostgreSqlTriggers = """
        SELECT t.tgname, t.tgtype::text || ':' || p.prosrc
        FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
        WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' AND t.tgrelid IN ('"AuditEvents"'::regclass, '"AuditVerifications"'::regclass)
        """;

    private static async Task<Dictionary<string, string>> ReadTriggersAsync(DbConnection connection, string query, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = query;
        var triggers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            triggers[reader.GetString(0)] = reader.IsDBNull(1) ? string.Empty : reader.GetString(1);
        }

        return triggers;
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Normalize(string sql) => Whitespace().Replace(sql, " ").Trim().TrimEnd(';').Trim().ToUpperInvariant();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit append-only triggers were missing or altered and have been recreated: {Triggers}")]
    private static partial void LogRepaired(ILogger logger, string triggers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit triggers not checked: database migrations are pending")]
    private static partial void LogSkipped(ILogger logger);
}
