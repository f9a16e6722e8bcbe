using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Deployments;

/// <summary>The list of deployment requests narrowed by its state and environment choices.</summary>
public sealed class DeploymentRequestsPageTests : DeploymentsTestContext, IAsyncLifetime
{
    private readonly BunitContext bunit = new();

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        bunit.UsePortalServices(Services, Clock, typeof(DeploymentRequests), typeof(RegistryKeys), typeof(IAuthorizationService));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await bunit.DisposeAsync();
        await DisposeAsync();
    }

    private static string[] Shown(IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> page) =>
        [.. page.FindAll("[data-testid='request-link']").Select(a => a.TextContent.Trim()).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task The_state_and_environment_choices_narrow_the_list_and_any_brings_every_request_back()
    {
        var staging = await RequestAsync("churn-model", "staging");
        var production = await RequestAsync("churn-model", "production");
        await ForceStateAsync(staging.Id, DeploymentState.Rejected);
        var page = bunit.RenderAs<DeploymentRequestsPage>(Personas.Business);
        page.WaitForAssertion(() => Assert.Equal([$"#{staging.Id}", $"#{production.Id}"], Shown(page)));
        Assert.Equal(
            ["Any state", .. Enum.GetValues<DeploymentState>().Select(DeploymentStateChip.Text)],
            page.FindAll("[data-testid='filter-state'] option").Select(o => o.TextContent));

        Assert.Equal(
            ["All environments", .. (await Services.GetRequiredService<RegistryKeys>().EnvironmentsAsync()).Select(e => e.DisplayName)],
            page.FindAll("[data-testid='filter-environment'] option").Select(o => o.TextContent));
        page.Find("[data-testid='filter-environment'] select").Change("production");
        page.WaitForAssertion(() => Assert.Equal([$"#{production.Id}"], Shown(page)));

        page.Find("[data-testid='filter-environment'] select").Change("");
        page.Find("[data-testid='filter-state'] select").Change(nameof(DeploymentState.Rejected));
        page.WaitForAssertion(() => Assert.Equal([$"#{staging.Id}"], Shown(page)));

        page.Find("[data-testid='filter-environment'] select").Change("production");
        page.WaitForAssertion(() => Assert.Empty(Shown(page)));

        page.Find("[data-testid='filter-state'] select").Change("");
        page.Find("[data-testid='filter-environment'] select").Change("");
        page.WaitForAssertion(() => Assert.Equal([$"#{staging.Id}", $"#{production.Id}"], Shown(page)));
    }
}
