using MlOpsPortal.Features.Access;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Health;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Features.Notifications;
using MlOpsPortal.Features.Overview;
using MlOpsPortal.Features.Quality;
using MlOpsPortal.Features.Reports;
using MlOpsPortal.Features.Usage;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Infrastructure.Hosting;
using MlOpsPortal.Infrastructure.Jobs;
using MlOpsPortal.Infrastructure.Security;

namespace MlOpsPortal;

/// <summary>
/// Every service the portal registers apart from its pages' UI (Razor components, MudBlazor): one list, so the app and
/// the tests that need the services without a web host cannot drift apart. A composition root, like Program.
/// </summary>
public static class PortalServiceRegistration
{
    public static WebApplicationBuilder AddPortalServices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddPortalAudit();
        builder.AddPortalHosting();
        builder.AddPortalData();
        builder.AddPortalAuth();
        builder.AddPortalSecurity();
        builder.AddPortalJobs();
        // Features in the order of docs/architecture.md, lowest first.
        builder.AddPortalNotifications();
        builder.AddPortalUsage();
        builder.AddPortalModels();
        builder.AddPortalMonitoring();
        builder.AddPortalQuality();
        builder.AddPortalDeployments();
        builder.AddPortalIncidents();
        builder.AddPortalAccess();
        builder.AddPortalHealth();
        builder.AddPortalReports();
        builder.AddPortalOverview();
        builder.AddPortalApi();
        return builder;
    }
}
