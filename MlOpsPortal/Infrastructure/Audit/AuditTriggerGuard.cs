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
        var expected = sqlServer ? AuditTriggers.SqlServer : AuditTriggers.Sqlite;
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        var present = await ReadTriggersAsync(connection, sqlServer, cancellationToken);

        var repaired = new List<string>();
        foreach (var trigger in expected)
        {
            if (present.TryGetValue(trigger.Name, out var stored) && Normalize(stored) == Normalize(trigger.CreateSql))
            {
                continue;
            }

            await ExecuteAsync(connection, $"DROP TRIGGER IF EXISTS {trigger.Name}", cancellationToken);
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

    // A disabled SQL Server trigger reads as absent, so it is recreated like a dropped one.
    private static async Task<Dictionary<string, string>> ReadTriggersAsync(DbConnection connection, bool sqlServer, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sqlServer
            ? "SELECT name, OBJECT_DEFINITION(object_id) FROM sys.triggers WHERE is_disabled = 0"
            : "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'";
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
