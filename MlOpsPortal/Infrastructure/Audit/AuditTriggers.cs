using System.Globalization;

namespace MlOpsPortal.Infrastructure.Audit;

/// <summary>
/// Database triggers that make <c>AuditEvents</c> and <c>AuditVerifications</c> append-only for everyone who
/// uses the application's connection, including hand-written SQL. Migrations create them with SQL written out
/// in the migration itself (migrations are frozen: editing the definitions below changes no migration). Someone
/// with DDL rights can still drop them:
/// <see cref="AuditTriggerGuard"/> recreates them at start and at each verification, and the keyed chain
/// covers what happened in between.
/// </summary>
public static class AuditTriggers
{
    public const string SqliteNoUpdateTriggerName = "AuditEvents_NoUpdate";
    public const string SqliteNoDeleteTriggerName = "AuditEvents_NoDelete";
    public const string SqlServerTriggerName = "AuditEvents_AppendOnly";

    /// <summary>Message raised by every trigger; callers can match on "append-only".</summary>
    public const string Message = "AuditEvents is append-only";

    /// <summary>Drops the two AuditEvents triggers, as an attacker with DDL rights would (the tests do).</summary>
    public const string SqliteDrop =
        """
        DROP TRIGGER IF EXISTS AuditEvents_NoUpdate;
        DROP TRIGGER IF EXISTS AuditEvents_NoDelete;
        """;

    /// <summary>Every trigger the portal expects on SQLite, with the statement that creates it.</summary>
    public static IReadOnlyList<AuditTriggerDefinition> Sqlite { get; } =
    [
        new("AuditEvents_NoUpdate", SqliteTrigger("AuditEvents_NoUpdate", "UPDATE", "AuditEvents")),
        new("AuditEvents_NoDelete", SqliteTrigger("AuditEvents_NoDelete", "DELETE", "AuditEvents")),
        new("AuditVerifications_NoUpdate", SqliteTrigger("AuditVerifications_NoUpdate", "UPDATE", "AuditVerifications")),
        new("AuditVerifications_NoDelete", SqliteTrigger("AuditVerifications_NoDelete", "DELETE", "AuditVerifications")),
    ];

    /// <summary>Every trigger the portal expects on SQL Server; the statement is the trigger definition itself.</summary>
    public static IReadOnlyList<AuditTriggerDefinition> SqlServer { get; } =
    [
        new("AuditEvents_AppendOnly", SqlServerTrigger("AuditEvents_AppendOnly", "AuditEvents")),
        new("AuditVerifications_AppendOnly", SqlServerTrigger("AuditVerifications_AppendOnly", "AuditVerifications")),
    ];

    /// <summary>
    /// Every trigger the portal expects on PostgreSQL: a plpgsql function that raises, fired before any row is updated
    /// or deleted and before a TRUNCATE (which row triggers do not see). The database reports a trigger as its type
    /// bits and its function's body, which is what an intact one must read as.
    /// </summary>
    public static IReadOnlyList<AuditTriggerDefinition> PostgreSql { get; } =
    [
        PostgreSqlTrigger("AuditEvents_AppendOnly", "AuditEvents", "BEFORE UPDATE OR DELETE", "FOR EACH ROW", PostgreSqlRowUpdateDelete),
        PostgreSqlTrigger("AuditEvents_NoTruncate", "AuditEvents", "BEFORE TRUNCATE", "FOR EACH STATEMENT", PostgreSqlStatementTruncate),
        PostgreSqlTrigger("AuditVerifications_AppendOnly", "AuditVerifications", "BEFORE UPDATE OR DELETE", "FOR EACH ROW", PostgreSqlRowUpdateDelete),
        PostgreSqlTrigger("AuditVerifications_NoTruncate", "AuditVerifications", "BEFORE TRUNCATE", "FOR EACH STATEMENT", PostgreSqlStatementTruncate),
    ];

    // pg_trigger.tgtype bits: ROW 1, BEFORE 2, DELETE 8, UPDATE 16, TRUNCATE 32.
    private const int PostgreSqlRowUpdateDelete = 1 | 2 | 8 | 16;
    private const int PostgreSqlStatementTruncate = 2 | 32;

    private static AuditTriggerDefinition PostgreSqlTrigger(string name, string table, string timing, string level, int type)
    {
        var body = $"""

            BEGIN
                RAISE EXCEPTION '{table} is append-only';
            END

            """;
        var function = table + "_AppendOnly";
        return new(
            name,
            $"""
            CREATE OR REPLACE FUNCTION "{function}"() RETURNS trigger LANGUAGE plpgsql AS $${body}$$;
            CREATE TRIGGER "{name}" {timing} ON "{table}" {level} EXECUTE FUNCTION "{function}"();
            """)
        {
            DropSql = $"""DROP TRIGGER IF EXISTS "{name}" ON "{table}";""",
            Stored = string.Create(CultureInfo.InvariantCulture, $"{type}:{body}"),
        };
    }

    private static string SqliteTrigger(string name, string operation, string table) =>
        $"""
        CREATE TRIGGER {name} BEFORE {operation} ON {table}
        BEGIN
            SELECT RAISE(ABORT, '{table} is append-only');
        END
        """;

    private static string SqlServerTrigger(string name, string table) =>
        $"""
        CREATE TRIGGER {name} ON {table}
        INSTEAD OF UPDATE, DELETE
        AS
        BEGIN
            SET NOCOUNT ON;
            THROW 51000, '{table} is append-only', 1;
        END
        """;
}

/// <param name="CreateSql">The CREATE TRIGGER statement (PostgreSQL: with its function).</param>
public sealed record AuditTriggerDefinition(string Name, string CreateSql)
{
    public string DropSql { get; init; } = $"DROP TRIGGER IF EXISTS {Name}";

    /// <summary>What the database reports for the intact trigger: its definition, unless the provider reports less.</summary>
    public string Stored { get; init; } = CreateSql;
}
