using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Tests.Support;
using MudBlazor;

namespace MlOpsPortal.Tests.Features.Deployments;

/// <summary>
/// Screens that name environments list the registry's, by display name: an environment a migration adds shows up on the
/// model's Deployments tab and in the request dialog without a screen carrying its own copy of the keys.
/// </summary>
public sealed class EnvironmentChoicesTests : DeploymentsTestContext, IAsyncLifetime
{
    private readonly BunitContext bunit = new();

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        await DbAsync(async db =>
        {
            db.Environments.Add(new DeploymentEnvironment { Key = "canary", DisplayName = "Canary" });
            return await db.SaveChangesAsync();
        });
        // The portal reads its environments once per process, and this one has read them; the screens get a registry
        // that reads them now, as the portal does when it restarts after the migration.
        bunit.Services.AddSingleton(new RegistryKeys(Services.GetRequiredService<IDbContextFactory<PortalDbContext>>()));
        bunit.UsePortalServices(Services, Clock,
            typeof(DeploymentRequests), typeof(CurrentGates), typeof(ModelsService), typeof(IAuthorizationService));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await bunit.DisposeAsync();
        await DisposeAsync();
    }

    [Fact]
    public async Task The_deployments_tab_has_a_card_per_registry_environment_named_by_its_display_name()
    {
        var request = await RequestAsync("churn-model", "staging");
        await ForceStateAsync(request.Id, DeploymentState.Deployed);

        var panel = bunit.RenderAs<ModelDeploymentsPanel>(Personas.Contributor, new Dictionary<string, object?> { ["ModelKey"] = "churn-model" });

        var cards = panel.WaitForElements("[data-testid='deployments-per-environment'] [data-environment]");
        Assert.Equal(["canary", "production", "staging", "development"], cards.Select(c => c.GetAttribute("data-environment")));
        Assert.Equal(["Canary", "Production", "Staging", "Development"], cards.Select(c => c.QuerySelector(".mud-typography-overline")!.TextContent));
        Assert.Equal(["none", "none", "Deployed", "none"], cards.Select(c => c.GetAttribute("data-state")));
        Assert.Contains("Not deployed", cards[0].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_request_dialog_shows_the_chosen_environment_by_its_display_name()
    {
        var provider = bunit.Render<MudDialogProvider>(p => p.AddCascadingValue(Personas.Contributor.AuthenticationState));
        var parameters = new DialogParameters<RequestDeploymentDialog> { { d => d.Model, "churn-model" } };
        await provider.InvokeAsync(() => bunit.Services.GetRequiredService<IDialogService>().ShowAsync<RequestDeploymentDialog>("Request a deployment", parameters));

        provider.WaitForAssertion(() =>
            Assert.Equal("Production", provider.Find("[data-testid='request-environment']").GetAttribute("value")));
    }
}
