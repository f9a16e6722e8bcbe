using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Tests.Support;

/// <summary>What each role must find in the drawer, in order: the specification both the component and the browser tests check.</summary>
public static class ExpectedNavigation
{
    public static IReadOnlyDictionary<string, string[]> ByRole { get; } = new Dictionary<string, string[]>
    {
        [PortalRoles.Admin] = ["Home", "Portfolio", "Models", "Datasets", "Data pipelines", "System", "Quality reports", "Incidents", "Incidents overview", "Reports", "My access", "Audit log", "Access log", "Access reviews", "Deployments", "Approvals", "Registry rules", "Environment policies", "Incident settings", "People", "Access requests", "API keys", "Background jobs"],
        [PortalRoles.ComplianceAuditor] = ["Home", "Portfolio", "Models", "Datasets", "Data pipelines", "System", "Quality reports", "Incidents", "Incidents overview", "Reports", "My access", "Audit log", "Access log", "Access reviews", "Deployments", "People"],
        [PortalRoles.ModelsContributor] = ["Home", "Portfolio", "Models", "Datasets", "Data pipelines", "System", "Quality reports", "Incidents", "Incidents overview", "My access", "Access reviews", "Deployments"],
        [PortalRoles.DeploymentsApprover] = ["Home", "Portfolio", "Models", "Datasets", "Data pipelines", "System", "Quality reports", "Incidents", "Incidents overview", "My access", "Access reviews", "Deployments", "Approvals"],
        [PortalRoles.SupportEngineer] = ["Home", "Portfolio", "Models", "Datasets", "Data pipelines", "System", "Quality reports", "Incidents", "Incidents overview", "My access", "Access reviews", "Deployments", "People", "Access requests"],
        [PortalRoles.ExecutiveViewer] = ["Home", "Portfolio", "Models", "Datasets", "Data pipelines", "System", "Quality reports", "Incidents", "Incidents overview", "Reports", "My access", "Access reviews", "Deployments"],
        [PortalRoles.BusinessViewer] = ["Home", "Portfolio", "Models", "Datasets", "Data pipelines", "System", "Quality reports", "Incidents", "Incidents overview", "My access", "Access reviews", "Deployments"],
    };

    public static TheoryData<string> Roles()
    {
        var data = new TheoryData<string>();
        foreach (var role in PortalRoles.UserRoles)
        {
            data.Add(role);
        }

        return data;
    }
}
