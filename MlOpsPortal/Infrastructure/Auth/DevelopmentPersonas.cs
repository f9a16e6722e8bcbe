using System.Security.Claims;

namespace MlOpsPortal.Infrastructure.Auth;

/// <param name="Role">The app role the persona holds; null for someone signed in without any (who can ask for one).</param>
/// <param name="Department">The business unit, sent as the <c>department</c> claim (an optional claim in Entra ID) so usage reports group by it.</param>
public sealed record DevelopmentPersona(string Id, string Name, string Email, string? Role, string Description, string Department = "Unassigned");

/// <summary>Seeded people for the development sign-in: one per role. Never available outside Development.</summary>
public static class DevelopmentPersonas
{
    public const string AuthenticationType = "Development";

    public static IReadOnlyList<DevelopmentPersona> All { get; } =
    [
        new("dev-admin", "Ada Admin", "ada.admin@contoso.example", PortalRoles.Admin, "Platform team: settings, API keys, jobs", "Platform"),
        new("dev-contributor", "Dana Scientist", "dana.scientist@contoso.example", PortalRoles.ModelsContributor, "Data scientist: registers models and requests deployments", "Retail Banking"),
        new("dev-approver", "Arun Approver", "arun.approver@contoso.example", PortalRoles.DeploymentsApprover, "Model-risk approver: signs off deployments", "Model Risk"),
        new("dev-support", "Sam Support", "sam.support@contoso.example", PortalRoles.SupportEngineer, "Support engineer: incidents and access requests", "IT Operations"),
        new("dev-executive", "Eve Executive", "eve.executive@contoso.example", PortalRoles.ExecutiveViewer, "Executive: portfolio and usage reports", "Executive Office"),
        new("dev-business", "Bea Business", "bea.business@contoso.example", PortalRoles.BusinessViewer, "Business stakeholder: health dashboards, read-only", "Retail Banking"),
        new("dev-auditor", "Aldo Auditor", "aldo.auditor@contoso.example", PortalRoles.ComplianceAuditor, "Compliance auditor: audit and access logs, read-only", "Internal Audit"),
    ];

    public const string SecondApproverId = "dev-approver-2";
    public const string NewcomerId = "dev-newcomer";

    /// <summary>
    /// People beyond one per role: a second approver, because maker-checker and "two approvals for High risk" need two, and a
    /// newcomer without any role, who asks for one.
    /// Kept out of <see cref="All"/> so "the persona of a role" stays unambiguous.
    /// </summary>
    public static IReadOnlyList<DevelopmentPersona> Additional { get; } =
    [
        new(SecondApproverId, "Bo Checker", "bo.checker@contoso.example", PortalRoles.DeploymentsApprover, "Second approver: High and Critical risk need two", "Model Risk"),
        new(NewcomerId, "Nina Newcomer", "nina.newcomer@contoso.example", null, "New joiner without a role yet: asks for access", "Marketing"),
    ];

    public static DevelopmentPersona? Find(string? id) => All.Concat(Additional).FirstOrDefault(p => p.Id == id);

    /// <summary>The same claim shapes Entra ID issues (oid, name, preferred_username, roles), so the rest of the portal cannot tell the difference.</summary>
    public static ClaimsPrincipal ToPrincipal(DevelopmentPersona persona)
    {
        ArgumentNullException.ThrowIfNull(persona);
        var identity = new ClaimsIdentity(
            [
                new Claim(PortalClaims.ObjectId, persona.Id),
                new Claim(PortalClaims.Name, persona.Name),
                new Claim(PortalClaims.PreferredUsername, persona.Email),
                new Claim(PortalClaims.Department, persona.Department),
                .. persona.Role is null ? Array.Empty<Claim>() : [new Claim(PortalRoles.ClaimType, persona.Role)],
            ],
            AuthenticationType,
            PortalClaims.Name,
            PortalRoles.ClaimType);
        return new ClaimsPrincipal(identity);
    }
}
