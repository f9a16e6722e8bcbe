using Microsoft.AspNetCore.Authorization;

namespace MlOpsPortal.Infrastructure.Auth;

/// <summary>
/// Every authorization decision of the portal, in one place. Pages, endpoints and services name one of these.
/// Portal.Admin may do everything a role may do (maker-checker rules are enforced by the services themselves).
/// </summary>
public static class Policies
{
    public const string SignedIn = "SignedIn";
    public const string Admin = "Admin";
    public const string ContributeModels = "ContributeModels";
    public const string ApproveDeployments = "ApproveDeployments";
    public const string WorkIncidents = "WorkIncidents";
    public const string ViewExecutiveReports = "ViewExecutiveReports";
    public const string ViewQualityReports = "ViewQualityReports";
    public const string Audit = "Audit";

    /// <summary>Register models, versions, datasets and CI evidence: contributors, and pipelines with Registry.Write.</summary>
    public const string WriteRegistry = "WriteRegistry";

    /// <summary>Read the registry API: anyone authenticated by an API key, an Entra bearer token or the portal sign-in.</summary>
    public const string ApiRead = "ApiRead";

    /// <summary><see cref="WriteRegistry"/> for the API: the same roles, authenticated by any of the API's schemes.</summary>
    public const string ApiWriteRegistry = "ApiWriteRegistry";

    /// <summary><see cref="ApproveDeployments"/> for the API (approvers deciding from a script or the browser's session).</summary>
    public const string ApiApproveDeployments = "ApiApproveDeployments";

    /// <summary>Push metrics: model services and pipelines with Metrics.Write.</summary>
    public const string WriteMetrics = "WriteMetrics";

    /// <summary><see cref="WriteMetrics"/> for the API.</summary>
    public const string ApiWriteMetrics = "ApiWriteMetrics";

    /// <summary>Upload data samples and run quality checks: contributors, support, and pipelines with either write scope.</summary>
    public const string RunQualityChecks = "RunQualityChecks";

    /// <summary><see cref="RunQualityChecks"/> for the API.</summary>
    public const string ApiRunQualityChecks = "ApiRunQualityChecks";

    /// <summary>Which user roles satisfy each role-based policy (besides Portal.Admin, which satisfies all).</summary>
    public static IReadOnlyDictionary<string, string[]> RolesByPolicy { get; } = new Dictionary<string, string[]>
    {
        [Admin] = [],
        [ContributeModels] = [PortalRoles.ModelsContributor],
        [ApproveDeployments] = [PortalRoles.DeploymentsApprover],
        [WorkIncidents] = [PortalRoles.SupportEngineer],
        [ViewExecutiveReports] = [PortalRoles.ExecutiveViewer],
        [ViewQualityReports] =
        [
            PortalRoles.BusinessViewer, PortalRoles.ExecutiveViewer, PortalRoles.ModelsContributor,
            PortalRoles.DeploymentsApprover, PortalRoles.SupportEngineer, PortalRoles.ComplianceAuditor,
        ],
        [Audit] = [PortalRoles.ComplianceAuditor],
        [WriteRegistry] = [PortalRoles.ModelsContributor, PortalRoles.RegistryWrite],
        [WriteMetrics] = [PortalRoles.MetricsWrite],
        [RunQualityChecks] = [PortalRoles.ModelsContributor, PortalRoles.SupportEngineer, PortalRoles.RegistryWrite, PortalRoles.MetricsWrite],
    };

    public static void Configure(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var signedIn = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        options.FallbackPolicy = signedIn;
        options.AddPolicy(SignedIn, signedIn);
        foreach (var (policy, roles) in RolesByPolicy)
        {
            options.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole([PortalRoles.Admin, .. roles]));
        }

        options.AddPolicy(ApiRead, p => p.AddAuthenticationSchemes(PortalApiAuthentication.SchemeName).RequireAuthenticatedUser());
        options.AddPolicy(ApiWriteRegistry, p => p.AddAuthenticationSchemes(PortalApiAuthentication.SchemeName)
            .RequireAuthenticatedUser().RequireRole([PortalRoles.Admin, .. RolesByPolicy[WriteRegistry]]));
        options.AddPolicy(ApiApproveDeployments, p => p.AddAuthenticationSchemes(PortalApiAuthentication.SchemeName)
            .RequireAuthenticatedUser().RequireRole([PortalRoles.Admin, .. RolesByPolicy[ApproveDeployments]]));
        options.AddPolicy(ApiWriteMetrics, p => p.AddAuthenticationSchemes(PortalApiAuthentication.SchemeName)
            .RequireAuthenticatedUser().RequireRole([PortalRoles.Admin, .. RolesByPolicy[WriteMetrics]]));
        options.AddPolicy(ApiRunQualityChecks, p => p.AddAuthenticationSchemes(PortalApiAuthentication.SchemeName)
            .RequireAuthenticatedUser().RequireRole([PortalRoles.Admin, .. RolesByPolicy[RunQualityChecks]]));
    }
}
