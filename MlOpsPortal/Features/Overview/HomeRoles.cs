using System.Security.Claims;
using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Features.Overview;

/// <summary>The home page's sections, one per kind of work.</summary>
public enum HomeRole
{
    Executive,
    Approver,
    Contributor,
    Support,
    Business,
    Auditor,
    Admin,
}

public static class HomeRoles
{
    /// <summary>
    /// The sections a person sees: those of each role they hold. A contributor's section already shows the models they
    /// follow, so a business viewer who also contributes does not see them twice.
    /// </summary>
    public static IReadOnlySet<HomeRole> Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var sections = new HashSet<HomeRole>();
        void When(string role, HomeRole section)
        {
            if (user.IsInRole(role))
            {
                sections.Add(section);
            }
        }

        When(PortalRoles.ExecutiveViewer, HomeRole.Executive);
        When(PortalRoles.DeploymentsApprover, HomeRole.Approver);
        When(PortalRoles.ModelsContributor, HomeRole.Contributor);
        When(PortalRoles.SupportEngineer, HomeRole.Support);
        When(PortalRoles.BusinessViewer, HomeRole.Business);
        When(PortalRoles.ComplianceAuditor, HomeRole.Auditor);
        When(PortalRoles.AuditRead, HomeRole.Auditor);
        When(PortalRoles.Admin, HomeRole.Admin);
        if (sections.Contains(HomeRole.Contributor))
        {
            sections.Remove(HomeRole.Business);
        }

        return sections;
    }
}
