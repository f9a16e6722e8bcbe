using MlOpsPortal.Features.Access;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Features.Quality;
using MlOpsPortal.Features.Reports;
using MlOpsPortal.Infrastructure.Auth;
using MudBlazor;

namespace MlOpsPortal.Components.Layout;

/// <param name="ForceLoad">Set for pages served outside Blazor (the Hangfire dashboard).</param>
public sealed record NavigationItem(string Title, string Href, string Icon, string Policy, string Group, bool ForceLoad = false);

/// <summary>
/// The drawer's entries. Each names the same policy as the page it opens, so a user sees exactly what they may use.
/// Features add their entries here as they arrive.
/// </summary>
public static class NavigationItems
{
    public const string PortalGroup = "Portal";
    public const string GovernanceGroup = "Governance";
    public const string AdministrationGroup = "Administration";

    public static IReadOnlyList<NavigationItem> All { get; } =
    [
        new("Home", "/", Icons.Material.Outlined.Dashboard, Policies.SignedIn, PortalGroup),
        new("Portfolio", "/portfolio", Icons.Material.Outlined.HealthAndSafety, Policies.SignedIn, PortalGroup),
        new("Models", RegistryLinks.Models, Icons.Material.Outlined.Hub, Policies.SignedIn, PortalGroup),
        new("Datasets", RegistryLinks.Datasets, Icons.Material.Outlined.Storage, Policies.SignedIn, PortalGroup),
        new("Data pipelines", MonitoringLinks.DataPipelines, Icons.Material.Outlined.Input, Policies.SignedIn, PortalGroup),
        new("System", MonitoringLinks.System, Icons.Material.Outlined.MonitorHeart, Policies.SignedIn, PortalGroup),
        new("Quality reports", QualityLinks.Reports, Icons.Material.Outlined.Rule, Policies.ViewQualityReports, PortalGroup),
        new("Incidents", IncidentLinks.Queue, Icons.Material.Outlined.ReportProblem, Policies.SignedIn, PortalGroup),
        new("Incidents overview", IncidentLinks.Overview, Icons.Material.Outlined.QueryStats, Policies.SignedIn, PortalGroup),
        new("Reports", ReportLinks.Archive, Icons.Material.Outlined.Assessment, Policies.ReadReports, PortalGroup),
        new("My access", AccessLinks.MyAccess, Icons.Material.Outlined.VpnKey, Policies.SignedIn, PortalGroup),
        new("Audit log", "/audit", Icons.Material.Outlined.FactCheck, Policies.Audit, GovernanceGroup),
        new("Access log", AccessLinks.Log, Icons.Material.Outlined.ManageSearch, Policies.Audit, GovernanceGroup),
        new("Access reviews", AccessLinks.Reviews, Icons.Material.Outlined.Checklist, Policies.SignedIn, GovernanceGroup),
        new("Deployments", DeploymentLinks.Requests, Icons.Material.Outlined.RocketLaunch, Policies.SignedIn, GovernanceGroup),
        new("Approvals", DeploymentLinks.Inbox, Icons.Material.Outlined.HowToReg, Policies.ApproveDeployments, GovernanceGroup),
        new("Registry rules", RegistryLinks.Settings, Icons.Material.Outlined.Rule, Policies.Admin, AdministrationGroup),
        new("Environment policies", DeploymentLinks.Policies, Icons.Material.Outlined.Policy, Policies.Admin, AdministrationGroup),
        new("Incident settings", IncidentLinks.Settings, Icons.Material.Outlined.Timer, Policies.Admin, AdministrationGroup),
        new("People", AccessLinks.People, Icons.Material.Outlined.People, Policies.ViewPeople, AdministrationGroup),
        new("Access requests", AccessLinks.Requests, Icons.Material.Outlined.HowToReg, Policies.ManageAccess, AdministrationGroup),
        new("API keys", "/access/api-keys", Icons.Material.Outlined.Key, Policies.Admin, AdministrationGroup),
        new("Background jobs", "/hangfire", Icons.Material.Outlined.Schedule, Policies.Admin, AdministrationGroup, ForceLoad: true),
    ];
}
