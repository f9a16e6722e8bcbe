using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Tests.Support;

/// <summary>What each role must find in the drawer, in order: the specification both the component and the browser tests check.</summary>
public static class ExpectedNavigation
{
    public static IReadOnlyDictionary<string, string[]> ByRole { get; } = new Dictionary<string, string[]>
    {
        [PortalRoles.Admin] = ["Home", "Audit log", "Background jobs"],
        [PortalRoles.ComplianceAuditor] = ["Home", "Audit log"],
        [PortalRoles.ModelsContributor] = ["Home"],
        [PortalRoles.DeploymentsApprover] = ["Home"],
        [PortalRoles.SupportEngineer] = ["Home"],
        [PortalRoles.ExecutiveViewer] = ["Home"],
        [PortalRoles.BusinessViewer] = ["Home"],
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
