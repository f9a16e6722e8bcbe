using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Notifications;

/// <summary>The star on the model page: labelled for what a click does, and what it shows is what is stored.</summary>
public sealed class FollowModelButtonTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly BunitContext bunit = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2027, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private PortalServices portal = null!;

    public async Task InitializeAsync()
    {
        portal = await PortalServices.StartAsync(clock);
        bunit.UsePortalServices(portal.Services, clock, typeof(ModelFollowers));
        await portal.Services.GetRequiredService<ModelsService>().CreateModelAsync(Personas.Contributor,
            new ModelInput("churn-model", "Churn", null, "Dana Scientist", "Retail", null, RiskTier.Medium, []));
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await bunit.DisposeAsync();
        await portal.DisposeAsync();
    }

    [Fact]
    public async Task A_click_follows_the_model_and_the_next_stops_following_it()
    {
        var followers = portal.Services.GetRequiredService<ModelFollowers>();
        var page = bunit.RenderAs<FollowModelButton>(Personas.Business, new Dictionary<string, object?> { [nameof(FollowModelButton.ModelKey)] = "churn-model" });
        var star = () => page.Find("[data-testid=follow-model]");
        page.WaitForAssertion(() => Assert.Equal("Follow churn-model", star().GetAttribute("aria-label")));

        await star().ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("Stop following churn-model", star().GetAttribute("aria-label")));
        Assert.True(await followers.IsFollowingAsync(Personas.Business, "churn-model"));

        await star().ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("Follow churn-model", star().GetAttribute("aria-label")));
        Assert.False(await followers.IsFollowingAsync(Personas.Business, "churn-model"));
    }

    [Fact]
    public void The_registrant_sees_the_star_lit_for_the_model_they_registered()
    {
        var page = bunit.RenderAs<FollowModelButton>(Personas.Contributor, new Dictionary<string, object?> { [nameof(FollowModelButton.ModelKey)] = "churn-model" });

        page.WaitForAssertion(() => Assert.Equal("Stop following churn-model", page.Find("[data-testid=follow-model]").GetAttribute("aria-label")));
    }
}
