using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Tests.Support;

/// <summary>What each role must find in the drawer, in order: the specification both the component and the browser tests check.</summary>
public static class ExpectedNavigation
{
    public static IReadOnlyDictionary<string, string[]> ByRole { get; } = new Dictionary<string, string[]>
    {
        [PortalRoles.Admin] = ["Home", "Models", "Datasets", "Audit log", "Registry rules", "API keys", "Background jobs"],
        [PortalRoles.ComplianceAuditor] = ["Home", "Models", "Datasets", "Audit log"],
        [PortalRoles.ModelsContributor] = ["Home", "Models", "Datasets"],
        [PortalRoles.DeploymentsApprover] = ["Home", "Models", "Datasets"],
        [PortalRoles.SupportEngineer] = ["Home", "Models", "Datasets"],
        [PortalRoles.ExecutiveViewer] = ["Home", "Models", "Datasets"],
        [PortalRoles.BusinessViewer] = ["Home", "Models", "Datasets"],
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
