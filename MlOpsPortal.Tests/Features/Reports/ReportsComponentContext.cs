using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Health;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Features.Quality;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Features.Overview;
using MlOpsPortal.Features.Reports;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Reports;

/// <summary>bUnit with the portal's real report service and policies over a temporary SQLite database and a fake clock.</summary>
public abstract class ReportsComponentContext : IAsyncLifetime, IAsyncDisposable
{
    private PortalServices app = default!;

    protected BunitContext Bunit { get; } = new();

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.Zero));

    protected IServiceProvider Services => app.Services;

    protected NavigationManager Navigation => Bunit.Services.GetRequiredService<NavigationManager>();

    public virtual async Task InitializeAsync()
    {
        app = await PortalServices.StartAsync(Clock);
        Bunit.UsePortalServices(app.Services, Clock,
            typeof(ReportsService), typeof(ReportNameReveal), typeof(PortfolioRows), typeof(IAuthorizationService), typeof(IAuthorizationPolicyProvider),
            typeof(LatestPointQueries), typeof(ChartQueries), typeof(LiveHandoffs), typeof(IOptions<MonitoringOptions>),
            // The home page's sections by role.
            typeof(HealthScore), typeof(ModelFollowers), typeof(QualityReports), typeof(DeploymentDecisions), typeof(DeploymentRequests),
            typeof(RunningDeployments), typeof(IncidentsService), typeof(AccessRequests), typeof(AccessReviews), typeof(AuditLog), typeof(AccessAuditFacts));
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await Bunit.DisposeAsync();
        await app.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected IRenderedComponent<IComponent> Render<TPage>(Persona persona, IReadOnlyDictionary<string, object?>? parameters = null, string? url = null)
        where TPage : IComponent
    {
        if (url is not null)
        {
            Navigation.NavigateTo(url);
        }

        return Bunit.RenderAs<TPage>(persona, parameters);
    }
}
