namespace MlOpsPortal.Features.Deployments;

/// <summary>
/// Maker-checker in the database: an approval whose approver requested the deployment or registered the version is
/// refused, whoever writes it (the service, a script, a hand-written INSERT). Applied by the Deployments migration.
/// </summary>
public static class DeploymentTriggers
{
    public const string SqliteCreate =
        """
        CREATE TRIGGER DeploymentApprovals_MakerChecker BEFORE INSERT ON DeploymentApprovals
        WHEN EXISTS (SELECT 1 FROM DeploymentRequests r WHERE r.Id = NEW.RequestId
                     AND (r.RequesterId = NEW.ApproverId OR r.RegistrantId = NEW.ApproverId))
        BEGIN
            SELECT RAISE(ABORT, 'Maker-checker: the requester or the registrant of the version cannot approve it');
        END;
        CREATE TRIGGER DeploymentApprovals_MakerCheckerUpdate BEFORE UPDATE ON DeploymentApprovals
        WHEN EXISTS (SELECT 1 FROM DeploymentRequests r WHERE r.Id = NEW.RequestId
                     AND (r.RequesterId = NEW.ApproverId OR r.RegistrantId = NEW.ApproverId))
        BEGIN
            SELECT RAISE(ABORT, 'Maker-checker: the requester or the registrant of the version cannot approve it');
        END;
        CREATE TRIGGER DeploymentRequests_MakerCheckerUpdate BEFORE UPDATE OF RequesterId, RegistrantId ON DeploymentRequests
        WHEN EXISTS (SELECT 1 FROM DeploymentApprovals a WHERE a.RequestId = NEW.Id
                     AND (a.ApproverId = NEW.RequesterId OR a.ApproverId = NEW.RegistrantId))
        BEGIN
            SELECT RAISE(ABORT, 'Maker-checker: the requester or the registrant of the version cannot approve it');
        END;
        """;

    public const string SqliteDrop =
        """
        DROP TRIGGER IF EXISTS DeploymentApprovals_MakerChecker;
        DROP TRIGGER IF EXISTS DeploymentApprovals_MakerCheckerUpdate;
        DROP TRIGGER IF EXISTS DeploymentRequests_MakerCheckerUpdate;
        """;

    // Dynamic SQL for the reason given in AuditTriggers: CREATE TRIGGER must start its batch.
    public const string SqlServerCreate =
        """
        EXEC(N'CREATE TRIGGER DeploymentApprovals_MakerChecker ON DeploymentApprovals
        AFTER INSERT, UPDATE
        AS
        BEGIN
            SET NOCOUNT ON;
            IF EXISTS (SELECT 1 FROM inserted a JOIN DeploymentRequests r ON r.Id = a.RequestId
                       WHERE r.RequesterId = a.ApproverId OR r.RegistrantId = a.ApproverId)
                THROW 51002, ''Maker-checker: the requester or the registrant of the version cannot approve it'', 1;
        END');
        EXEC(N'CREATE TRIGGER DeploymentRequests_MakerChecker ON DeploymentRequests
        AFTER UPDATE
        AS
        BEGIN
            SET NOCOUNT ON;
            IF EXISTS (SELECT 1 FROM inserted r JOIN DeploymentApprovals a ON a.RequestId = r.Id
                       WHERE r.RequesterId = a.ApproverId OR r.RegistrantId = a.ApproverId)
                THROW 51002, ''Maker-checker: the requester or the registrant of the version cannot approve it'', 1;
        END');
        """;

    public const string SqlServerDrop =
        """
        DROP TRIGGER IF EXISTS DeploymentApprovals_MakerChecker;
        DROP TRIGGER IF EXISTS DeploymentRequests_MakerChecker;
        """;
}
