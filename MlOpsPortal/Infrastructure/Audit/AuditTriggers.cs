namespace MlOpsPortal.Infrastructure.Audit;

/// <summary>
/// Database triggers that make <c>AuditEvents</c> append-only for everyone who uses the application's
/// connection, including hand-written SQL. Migrations apply them with <c>migrationBuilder.Sql(...)</c>: the
/// create statement in <c>Up</c> after the table exists, the drop statement in <c>Down</c> before it is
/// dropped. Someone with DDL rights can still drop them; the hash chain and its verification cover that case.
/// </summary>
public static class AuditTriggers
{
    public const string SqliteNoUpdateTriggerName = "AuditEvents_NoUpdate";
    public const string SqliteNoDeleteTriggerName = "AuditEvents_NoDelete";
    public const string SqlServerTriggerName = "AuditEvents_AppendOnly";

    /// <summary>Message raised by every trigger; callers can match on "append-only".</summary>
    public const string Message = "AuditEvents is append-only";

    public const string SqliteCreate =
        """
        CREATE TRIGGER AuditEvents_NoUpdate BEFORE UPDATE ON AuditEvents
        BEGIN
            SELECT RAISE(ABORT, 'AuditEvents is append-only');
        END;
        CREATE TRIGGER AuditEvents_NoDelete BEFORE DELETE ON AuditEvents
        BEGIN
            SELECT RAISE(ABORT, 'AuditEvents is append-only');
        END;
        """;

    public const string SqliteDrop =
        """
        DROP TRIGGER IF EXISTS AuditEvents_NoUpdate;
        DROP TRIGGER IF EXISTS AuditEvents_NoDelete;
        """;

    // CREATE TRIGGER has to be the first statement of its batch, which neither a migration script (one batch
    // per transaction) nor an idempotent script (each command inside IF ... BEGIN ... END) can guarantee, so it
    // runs as dynamic SQL. Unqualified, it lands in the schema the migration's CreateTable used.
    public const string SqlServerCreate =
        """
        EXEC(N'CREATE TRIGGER AuditEvents_AppendOnly ON AuditEvents
        INSTEAD OF UPDATE, DELETE
        AS
        BEGIN
            SET NOCOUNT ON;
            THROW 51000, ''AuditEvents is append-only'', 1;
        END');
        """;

    public const string SqlServerDrop = "DROP TRIGGER IF EXISTS AuditEvents_AppendOnly;";
}
