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

/// <param name="CreateSql">The CREATE TRIGGER statement, as the database stores it.</param>
public sealed record AuditTriggerDefinition(string Name, string CreateSql);
