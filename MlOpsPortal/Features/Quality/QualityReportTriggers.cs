namespace MlOpsPortal.Features.Quality;

/// <summary>
/// Reports are immutable: no update ever, and only the retention job's delete of a non-Fail report (a Fail is kept
/// for good). Applied by the migrations like the audit log's triggers, so hand-written SQL is held to it too.
/// </summary>
public static class QualityReportTriggers
{
    public const string Message = "Quality reports are immutable";

    public const string SqliteCreate =
        """
        CREATE TRIGGER QualityReports_NoUpdate BEFORE UPDATE ON QualityReports
        BEGIN
            SELECT RAISE(ABORT, 'Quality reports are immutable');
        END;
        CREATE TRIGGER QualityReports_KeepFails BEFORE DELETE ON QualityReports WHEN OLD.Status = 'Fail'
        BEGIN
            SELECT RAISE(ABORT, 'Quality reports are immutable: a Fail is kept');
        END;
        CREATE TRIGGER QualityReportChecks_NoUpdate BEFORE UPDATE ON QualityReportChecks
        BEGIN
            SELECT RAISE(ABORT, 'Quality reports are immutable');
        END;
        """;

    public const string SqliteDrop =
        """
        DROP TRIGGER IF EXISTS QualityReports_NoUpdate;
        DROP TRIGGER IF EXISTS QualityReports_KeepFails;
        DROP TRIGGER IF EXISTS QualityReportChecks_NoUpdate;
        """;

    // Dynamic SQL for the reason given in AuditTriggers: CREATE TRIGGER must start its batch.
    public const string SqlServerCreate =
        """
        EXEC(N'CREATE TRIGGER QualityReports_Immutable ON QualityReports
        INSTEAD OF UPDATE, DELETE
        AS
        BEGIN
            SET NOCOUNT ON;
            IF EXISTS (SELECT 1 FROM inserted) OR EXISTS (SELECT 1 FROM deleted WHERE Status = ''Fail'')
                THROW 51001, ''Quality reports are immutable'', 1;
            DELETE FROM QualityReportChecks WHERE ReportId IN (SELECT Id FROM deleted);
            DELETE FROM QualityReports WHERE Id IN (SELECT Id FROM deleted);
        END');
        EXEC(N'CREATE TRIGGER QualityReportChecks_NoUpdate ON QualityReportChecks
        INSTEAD OF UPDATE
        AS
        BEGIN
            SET NOCOUNT ON;
            THROW 51001, ''Quality reports are immutable'', 1;
        END');
        """;

    public const string SqlServerDrop =
        """
        DROP TRIGGER IF EXISTS QualityReports_Immutable;
        DROP TRIGGER IF EXISTS QualityReportChecks_NoUpdate;
        """;
}
