namespace MlOpsPortal.Infrastructure.Auth;

/// <summary>Entra ID app role values (the <c>roles</c> claim). Nothing else grants a role.</summary>
public static class PortalRoles
{
    public const string ClaimType = "roles";

    public const string Admin = "Portal.Admin";
    public const string ModelsContributor = "Models.Contributor";
    public const string DeploymentsApprover = "Deployments.Approver";
    public const string SupportEngineer = "Support.Engineer";
    public const string ExecutiveViewer = "Executive.Viewer";
    public const string BusinessViewer = "Business.Viewer";
    public const string ComplianceAuditor = "Compliance.Auditor";

    /// <summary>App roles for machine clients (client-credential tokens and API keys).</summary>
    public const string RegistryWrite = "Registry.Write";
    public const string MetricsWrite = "Metrics.Write";
    public const string IncidentsWrite = "Incidents.Write";
    public const string AuditRead = "Audit.Read";

    /// <summary>Every machine scope of DESIGN §1, in the order it lists them.</summary>
    public static IReadOnlyList<string> ApiScopes { get; } = [RegistryWrite, MetricsWrite, IncidentsWrite, AuditRead];

    public static IReadOnlyList<string> UserRoles { get; } =
        [Admin, ModelsContributor, DeploymentsApprover, SupportEngineer, ExecutiveViewer, BusinessViewer, ComplianceAuditor];
}
