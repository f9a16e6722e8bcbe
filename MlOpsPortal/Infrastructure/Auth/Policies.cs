using Microsoft.AspNetCore.Authorization;

namespace MlOpsPortal.Infrastructure.Auth;

/// <summary>
/// Every authorization decision of the portal, in one place (DESIGN §1). Pages, endpoints and services name one of
/// these. Portal.Admin may do everything a role may do (maker-checker rules are enforced by the services themselves).
/// The route × identity table in the tests (<c>Infrastructure/Auth/route-access.md</c>) is the specification.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in person: the registry, dashboards and health, quality reports, deployment requests.</summary>
    public const string SignedIn = "SignedIn";
    public const string Admin = "Admin";
    public const string ContributeModels = "ContributeModels";
    public const string ApproveDeployments = "ApproveDeployments";
    public const string WorkIncidents = "WorkIncidents";

    /// <summary>Open incidents: support engineers, model contributors (about their models) and pipelines with Incidents.Write.</summary>
    public const string OpenIncidents = "OpenIncidents";
    public const string ViewExecutiveReports = "ViewExecutiveReports";

    /// <summary>The reports pages: whoever may read some kind of report (executives, auditors); each report is checked by its kind.</summary>
    public const string ReadReports = "ReadReports";

    /// <summary>Quality reports are read by every signed-in person (DESIGN §1 "Reading"); the name says what it guards.</summary>
    public const string ViewQualityReports = "ViewQualityReports";

    /// <summary>Who has signed in, their roles and when they last used each: support engineers (who manage access), auditors, administrators, and Audit.Read.</summary>
    public const string ViewPeople = "ViewPeople";

    /// <summary>Decide access requests and revoke grants: support engineers and administrators (administrators alone for privileged roles).</summary>
    public const string ManageAccess = "ManageAccess";

    /// <summary><see cref="ManageAccess"/> for the API (people deciding from a script or the browser's session, never a key).</summary>
    public const string ApiManageAccess = "ApiManageAccess";

    /// <summary>The audit log, access log and security audit reports: auditors and administrators.</summary>
    public const string Audit = "Audit";

    /// <summary>Register models, versions, datasets and CI evidence, request deployments: contributors, and pipelines with Registry.Write.</summary>
    public const string WriteRegistry = "WriteRegistry";

    /// <summary>
    /// Read the registry, deployment requests, check runs and quality reports through the API: any valid credential
    /// (an API key of any scope, an Entra bearer token, or the portal sign-in), because pipelines wait on them.
    /// </summary>
    public const string ApiRead = "ApiRead";

    /// <summary>
    /// Read metric series and health scores through the API. Not "any credential": every signed-in person reads
    /// dashboards and health, and of the machine scopes only Metrics.Write (model services, monitoring jobs).
    /// </summary>
    public const string ApiReadMonitoring = "ApiReadMonitoring";

    /// <summary><see cref="WriteRegistry"/> for the API: the same roles, authenticated by any of the API's schemes.</summary>
    public const string ApiWriteRegistry = "ApiWriteRegistry";

    /// <summary><see cref="ApproveDeployments"/> for the API (approvers deciding from a script or the browser's session).</summary>
    public const string ApiApproveDeployments = "ApiApproveDeployments";

    /// <summary>Push metrics through the API: model services and monitoring jobs with Metrics.Write.</summary>
    public const string ApiWriteMetrics = "ApiWriteMetrics";

    /// <summary>
    /// Upload current-data samples and run quality checks: contributors, support engineers, and Metrics.Write.
    /// Registry.Write does not: DESIGN §1 gives current samples and check runs to Metrics.Write.
    /// </summary>
    public const string RunQualityChecks = "RunQualityChecks";

    /// <summary><see cref="RunQualityChecks"/> for the API.</summary>
    public const string ApiRunQualityChecks = "ApiRunQualityChecks";

    /// <summary>
    /// Upload reference samples, the rows a version was validated on: contributors, support engineers, and the CI/CD
    /// pipelines that register the version (Registry.Write). Monitoring jobs (Metrics.Write) never set the baseline.
    /// </summary>
    public const string UploadReferenceSamples = "UploadReferenceSamples";

    /// <summary>The samples endpoint: either kind of sample; the service then checks the role of the rows sent.</summary>
    public const string ApiUploadSamples = "ApiUploadSamples";

    /// <summary>
    /// Incidents, their comments and alert webhooks through the API: support engineers, Incidents.Write, and contributors
    /// (who open incidents and comment on their models' ones; the service refuses them the rest).
    /// </summary>
    public const string ApiWriteIncidents = "ApiWriteIncidents";

    /// <summary><see cref="WorkIncidents"/> for the API: acknowledge, hold, resolve… are people's work, never a key's.</summary>
    public const string ApiWorkIncidents = "ApiWorkIncidents";

    /// <summary><see cref="Audit"/> for the API: auditors, administrators, and the SIEM export's Audit.Read.</summary>
    public const string ApiReadAudit = "ApiReadAudit";

    /// <summary>The reports API: whoever may read some kind of report (executives, auditors, Audit.Read); each report is checked by its kind.</summary>
    public const string ApiReadReports = "ApiReadReports";

    /// <summary>Which roles satisfy each role-based policy (besides Portal.Admin, which satisfies all).</summary>
    public static IReadOnlyDictionary<string, string[]> RolesByPolicy { get; } = new Dictionary<string, string[]>
    {
        [Admin] = [],
        [ContributeModels] = [PortalRoles.ModelsContributor],
        [ApproveDeployments] = [PortalRoles.DeploymentsApprover],
        [WorkIncidents] = [PortalRoles.SupportEngineer],
        [OpenIncidents] = [PortalRoles.SupportEngineer, PortalRoles.ModelsContributor, PortalRoles.IncidentsWrite],
        [ViewExecutiveReports] = [PortalRoles.ExecutiveViewer],
        [ReadReports] = [PortalRoles.ExecutiveViewer, PortalRoles.ComplianceAuditor],
        [Audit] = [PortalRoles.ComplianceAuditor],
        [ViewPeople] = [PortalRoles.SupportEngineer, PortalRoles.ComplianceAuditor, PortalRoles.AuditRead],
        [ManageAccess] = [PortalRoles.SupportEngineer],
        [WriteRegistry] = [PortalRoles.ModelsContributor, PortalRoles.RegistryWrite],
        [RunQualityChecks] = [PortalRoles.ModelsContributor, PortalRoles.SupportEngineer, PortalRoles.MetricsWrite],
        [UploadReferenceSamples] = [PortalRoles.ModelsContributor, PortalRoles.SupportEngineer, PortalRoles.RegistryWrite],
    };

    /// <summary>Which roles satisfy each API policy other than <see cref="ApiRead"/> (besides Portal.Admin).</summary>
    public static IReadOnlyDictionary<string, string[]> RolesByApiPolicy { get; } = new Dictionary<string, string[]>
    {
        [ApiReadMonitoring] = [.. PortalRoles.UserRoles, PortalRoles.MetricsWrite],
        [ApiWriteRegistry] = RolesByPolicy[WriteRegistry],
        [ApiApproveDeployments] = RolesByPolicy[ApproveDeployments],
        [ApiWriteMetrics] = [PortalRoles.MetricsWrite],
        [ApiRunQualityChecks] = RolesByPolicy[RunQualityChecks],
        [ApiUploadSamples] = [.. RolesByPolicy[RunQualityChecks].Union(RolesByPolicy[UploadReferenceSamples])],
        [ApiWriteIncidents] = [PortalRoles.SupportEngineer, PortalRoles.IncidentsWrite, PortalRoles.ModelsContributor],
        [ApiWorkIncidents] = RolesByPolicy[WorkIncidents],
        [ApiReadAudit] = [.. RolesByPolicy[Audit], PortalRoles.AuditRead],
        [ApiManageAccess] = RolesByPolicy[ManageAccess],
        [ApiReadReports] = [PortalRoles.ExecutiveViewer, PortalRoles.ComplianceAuditor, PortalRoles.AuditRead],
    };

    /// <summary>The roles and scopes that satisfy a role-based policy, Portal.Admin first; empty for the others.</summary>
    public static IReadOnlyList<string> RolesFor(string policy) =>
        RolesByPolicy.TryGetValue(policy, out var roles) || RolesByApiPolicy.TryGetValue(policy, out roles)
            ? [PortalRoles.Admin, .. roles.Where(r => r != PortalRoles.Admin)]
            : [];

    public static void Configure(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var signedIn = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        options.FallbackPolicy = signedIn;
        options.AddPolicy(SignedIn, signedIn);
        options.AddPolicy(ViewQualityReports, signedIn);
        foreach (var (policy, roles) in RolesByPolicy)
        {
            options.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole([PortalRoles.Admin, .. roles]));
        }

        options.AddPolicy(ApiRead, p => p.AddAuthenticationSchemes(PortalApiAuthentication.SchemeName).RequireAuthenticatedUser());
        foreach (var (policy, roles) in RolesByApiPolicy)
        {
            options.AddPolicy(policy, p => p.AddAuthenticationSchemes(PortalApiAuthentication.SchemeName)
                .RequireAuthenticatedUser().RequireRole([PortalRoles.Admin, .. roles]));
        }
    }
}
