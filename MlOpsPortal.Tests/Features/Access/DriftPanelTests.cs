using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Components.Shared;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Tests.Support;
using MudBlazor.Services;

namespace MlOpsPortal.Tests.Features.Access;

/// <summary>The drift panel over the real reader and database, as an auditor sees it.</summary>
public sealed class DriftPanelTests : IAsyncDisposable
{
    private readonly BunitContext ctx = new();
    private PortalServices? portal;

    public DriftPanelTests()
    {
        ctx.Services.AddMudServices();
        ctx.Services.AddScoped<BrowserTimeZone>();
        ctx.Services.AddCascadingValue(_ => Personas.Auditor.AuthenticationState);
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private PortalServices Portal => portal ?? throw new InvalidOperationException("Call StartAsync first.");

    // MudBlazor's services only dispose asynchronously.
    public async ValueTask DisposeAsync()
    {
        await ctx.DisposeAsync();
        if (portal is not null)
        {
            await portal.DisposeAsync();
        }
    }

    private async Task StartAsync()
    {
        portal = await PortalServices.StartAsync();
        ctx.Services.AddSingleton(portal.Services.GetRequiredService<AccessDrift>());
    }

    [Fact]
    public async Task Before_any_check_the_panel_says_none_has_run()
    {
        await StartAsync();
        var panel = ctx.Render<DriftPanel>();

        panel.WaitForAssertion(() => Assert.Contains("No drift check has run yet", panel.Find("[data-testid=drift-none]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_portal_provisioning_the_panel_says_there_is_nothing_to_compare()
    {
        await StartAsync();
        await Portal.Services.GetRequiredService<AccessDriftJob>().RunAsync(CancellationToken.None);

        var panel = ctx.Render<DriftPanel>();

        panel.WaitForAssertion(() => Assert.Contains("Portal provisioning: nothing outside the portal to compare", panel.Find("[data-testid=drift-not-compared]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_findings_of_the_latest_check_are_listed_with_their_counts()
    {
        await StartAsync();
        await Job([new ExternalAssignment("a-1", "0a6b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d", "Pat Before-the-portal", PortalRoles.Admin)]).RunAsync(CancellationToken.None);

        var panel = ctx.Render<DriftPanel>();

        panel.WaitForAssertion(() => Assert.Contains("1 assigned outside the portal, 0 missing in Entra ID", panel.Find("[data-testid=drift-summary]").TextContent, StringComparison.Ordinal));
        var row = Assert.Single(panel.FindAll("[data-testid=drift-finding]"));
        Assert.Contains("Pat Before-the-portal", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(PortalRoles.Admin, row.TextContent, StringComparison.Ordinal);
        Assert.Contains("outside the portal", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_Entra_and_the_portal_agree_the_panel_says_so()
    {
        await StartAsync();
        await Job([]).RunAsync(CancellationToken.None);

        var panel = ctx.Render<DriftPanel>();

        panel.WaitForAssertion(() => Assert.Equal("Entra ID and the portal agree.", panel.Find("[data-testid=drift-agree]").TextContent.Trim()));
        Assert.Equal(0, await Portal.QueryAsync(db => db.Set<RoleGrant>().CountAsync()));
    }

    private AccessDriftJob Job(IReadOnlyList<ExternalAssignment> inEntra) =>
        new(Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>(), new ListedProvisioner(inEntra), TimeProvider.System);

    /// <summary>Entra as a fixed list: the panel's tests are about what it shows, the Graph tests about how the list is read.</summary>
    private sealed class ListedProvisioner(IReadOnlyList<ExternalAssignment> assignments) : IRoleProvisioner
    {
        public string Name => AccessOptions.Graph;

        public Task<RoleAssignment> AddAsync(string personId, string role, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task RemoveAsync(string personId, string role, string? assignmentId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<ExternalAssignment>?> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<ExternalAssignment>?>(assignments);
    }
}
