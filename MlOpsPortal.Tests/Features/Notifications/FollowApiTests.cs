using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Notifications;

/// <summary>The star through the API: a signed-in person follows and stops following a model; an API key cannot.</summary>
public sealed class FollowApiTests : IClassFixture<PortalAppFactory>
{
    private readonly PortalAppFactory app;

    public FollowApiTests(PortalAppFactory app)
    {
        this.app = app;
    }

    [Fact]
    public async Task A_person_follows_once_however_often_they_ask_and_stops_following()
    {
        var key = await ModelAsync();
        using var bea = app.CreateClientAs(Personas.Business);

        using var followed = await bea.PutAsync(new Uri($"/api/v1/models/{key}/follow", UriKind.Relative), null);
        using var again = await bea.PutAsync(new Uri($"/api/v1/models/{key}/follow", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
        Assert.True((await followed.JsonAsync())["following"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, await FollowsAsync(key, Personas.Business.Id));

        using var stopped = await bea.DeleteAsync(new Uri($"/api/v1/models/{key}/follow", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.False((await stopped.JsonAsync())["following"]!.GetValue<bool>());
        Assert.Equal(0, await FollowsAsync(key, Personas.Business.Id));
    }

    [Fact]
    public async Task An_unknown_model_is_404_and_an_api_key_is_refused_with_the_reason()
    {
        var key = await ModelAsync();
        using var bea = app.CreateClientAs(Personas.Business);
        using var pipeline = await app.CreateRegistryWriterAsync();

        using var unknown = await bea.PutAsync(new Uri("/api/v1/models/no-such-model/follow", UriKind.Relative), null);
        using var refused = await pipeline.PutAsync(new Uri($"/api/v1/models/{key}/follow", UriKind.Relative), null);

        Assert.Contains("no-such-model", (await unknown.ProblemAsync(HttpStatusCode.NotFound))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("People follow models", (await refused.ProblemAsync(HttpStatusCode.Forbidden))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryAsync(db => db.ModelFollowers.CountAsync(f => f.Model!.Key == key && f.PersonId != Personas.Contributor.Id)));
    }

    private async Task<string> ModelAsync()
    {
        var key = $"follow-{Guid.NewGuid().ToString("N")[..8]}";
        await app.Services.GetRequiredService<ModelsService>().CreateModelAsync(Personas.Contributor,
            new ModelInput(key, "Followed model", null, "Dana Scientist", "Retail", null, RiskTier.Low, []));
        return key;
    }

    private Task<int> FollowsAsync(string key, string personId) =>
        app.QueryAsync(db => db.ModelFollowers.CountAsync(f => f.Model!.Key == key && f.PersonId == personId));
}
