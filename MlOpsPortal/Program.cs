using MlOpsPortal;
using MlOpsPortal.Components;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Health;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Features.Quality;
using MlOpsPortal.Features.Reports;
using MlOpsPortal.Features.Usage;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Configuration;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Infrastructure.Health;
using MlOpsPortal.Infrastructure.Hosting;
using MlOpsPortal.Infrastructure.Jobs;
using MlOpsPortal.Infrastructure.Security;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);
builder.UseRootDevelopmentSettings();

builder.AddPortalCircuits();
builder.Services.AddMudServices(mud => mud.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight);
builder.Services.AddScoped<MlOpsPortal.Components.Shared.BrowserTimeZone>();
builder.AddPortalServices();

var app = builder.Build();
// Invalid settings stop the portal here, before the database is created, migrated or seeded.
app.ValidatePortalOptions();
await app.MigratePortalDatabaseAsync();
await app.SeedPortalDemoDataAsync();

app.UsePortalSecurity();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
    app.UseHsts();
}

// API callers get problem details for every error, in Development too (the developer exception page is for people).
app.UsePortalApiErrors();
app.UseWhen(
    context => !context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/health"),
    branch => branch.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true).UseStatusPagesAsGet());
app.UseRequestCounting();
// After the status-code pages, so a re-executed request is routed to the portal's status page.
app.UseRouting();
app.UseUnmatchedApiRequests();
app.UsePortalAuthentication();
app.UseAuthorization();
app.UseUsageCounting();
app.UseRateLimiter();
// For the live socket (/live) that carries chart points to open dashboards; Blazor's own hub brings its own. A ping
// every 30 s keeps a socket without points open through balancers that close idle connections after 60 s.
app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
app.UseAntiforgery();
app.UseRegistryKeyMemo();

app.MapStaticAssets().AllowAnonymous();
app.MapPortalHealthChecks();
app.MapPortalAccount();
app.MapPortalJobs();
app.MapPortalApi();
app.MapPortalModels();
app.MapPortalMonitoring();
app.MapPortalQuality();
app.MapPortalDeployments();
app.MapPortalIncidents();
app.MapPortalAccess();
app.MapPortalAccessRequests();
app.MapPortalAccessReviews();
app.MapPortalHealth();
app.MapPortalReports();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.RunAsync();

/// <summary>Entry point; public so integration tests can host the portal.</summary>
public partial class Program;
