using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Monitoring;

/// <summary>
/// The live socket of dashboards (<c>/live</c>) over real HTTP on Kestrel: a chart's held points, then each new one,
/// only to the person whose chart it is, only from the portal's own pages, and no longer once the chart is gone.
/// </summary>
public sealed class LiveSocketTests : IAsyncLifetime, IDisposable
{
    private const string ModelKey = "churn-model";
    private const string Production = "production";
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);
    private static readonly LiveSeries Auc = new(ModelKey, Production, MetricNames.Auc);
    private readonly PortalAppFactory app = new();
    private HttpClient exporter = default!;

    public async Task InitializeAsync()
    {
        app.UseKestrel(0);
        app.StartServer();
        await app.Services.GetRequiredService<ModelsService>().CreateModelAsync(Personas.Contributor.Principal,
            new ModelInput(ModelKey, "Churn", "", "Dana", "Retail", "", RiskTier.Medium, []));
        exporter = app.CreateClientWithKey((await app.CreateKeyAsync("exporter", PortalRoles.MetricsWrite)).Secret);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        exporter.Dispose();
        app.Dispose();
    }

    private async Task<LiveHandoff> HoldAsync(Persona persona)
    {
        // What a live chart does in its circuit before its first read.
        var handoff = app.Services.GetRequiredService<LiveHandoffs>().Hold(persona.Principal.UserId()!, [Auc], _ => Task.CompletedTask);
        await handoff.Ready;
        return handoff;
    }

    private async Task SendAsync(DateTimeOffset at, double value)
    {
        using var response = await exporter.PostJsonAsync("/api/v1/metrics", new
        {
            model = ModelKey,
            environment = Production,
            points = new[] { new { metric = MetricNames.Auc, timestamp = at.ToString("O", CultureInfo.InvariantCulture), value } },
        });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static (long At, double Value)[] Points(JsonElement message)
    {
        Assert.Equal(Auc.Key, message.GetProperty("key").GetString());
        return [.. message.GetProperty("points").EnumerateArray().Select(p => (p[0].GetInt64(), p[1].GetDouble()))];
    }

    [Fact]
    public async Task A_followed_chart_gets_the_points_held_since_its_read_then_each_new_one_and_nothing_once_it_is_gone()
    {
        var handoff = await HoldAsync(Personas.Business);
        var first = DateTimeOffset.UtcNow.AddSeconds(-2);
        await SendAsync(first, 0.91);

        await using var socket = await LiveSocketClient.ConnectAsync(app, Personas.Business);
        await socket.FollowAsync(handoff.Token);
        Assert.Equal([(first.ToUnixTimeMilliseconds(), 0.91)], Points(await socket.NextAsync(Within)));

        var second = first.AddSeconds(1);
        await SendAsync(second, 0.92);
        var message = await socket.NextAsync(Within);
        Assert.Equal([(second.ToUnixTimeMilliseconds(), 0.92)], Points(message));
        Assert.True(message.GetProperty("now").GetInt64() >= second.ToUnixTimeMilliseconds(), "the message carries the server's time for the sliding window");

        // The chart's circuit disposes its hold when the chart goes: the socket stops following the series.
        var broadcast = app.Services.GetRequiredService<LiveBroadcast>();
        Assert.Equal(1, broadcast.WatchedSeries);
        handoff.Dispose();
        Assert.Equal(0, broadcast.WatchedSeries);
        Assert.Equal(0, app.Services.GetRequiredService<MetricsFeed>().SeriesSubscriberCount);
    }

    [Fact]
    public async Task A_token_is_lost_to_anyone_but_the_person_whose_chart_holds_it_and_followed_once()
    {
        using var handoff = await HoldAsync(Personas.Contributor);
        var at = DateTimeOffset.UtcNow.AddSeconds(-2);
        await SendAsync(at, 0.9);

        await using var someoneElse = await LiveSocketClient.ConnectAsync(app, Personas.Business);
        await someoneElse.FollowAsync(handoff.Token);
        Assert.Equal(handoff.Token, (await someoneElse.NextAsync(Within)).GetProperty("lost").GetString());

        await using var owner = await LiveSocketClient.ConnectAsync(app, Personas.Contributor);
        await owner.FollowAsync(handoff.Token);
        Assert.Equal([(at.ToUnixTimeMilliseconds(), 0.9)], Points(await owner.NextAsync(Within)));

        // A second follow of the same token (a replayed message, another tab) is not a second subscription.
        await owner.FollowAsync(handoff.Token);
        Assert.Equal(handoff.Token, (await owner.NextAsync(Within)).GetProperty("lost").GetString());
    }

    [Fact]
    public async Task A_message_that_is_not_a_follow_closes_the_socket_with_the_reason()
    {
        await using var socket = await LiveSocketClient.ConnectAsync(app, Personas.Business);
        await socket.SendTextAsync("hello");

        var (status, reason) = await socket.ClosedAsync(Within);
        Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, status);
        Assert.Equal("Expected {\"follow\": token}.", reason);
    }

    [Fact]
    public async Task A_stopping_instance_closes_its_sockets_as_going_away_instead_of_holding_its_shutdown()
    {
        using var handoff = await HoldAsync(Personas.Business);
        await using var socket = await LiveSocketClient.ConnectAsync(app, Personas.Business);
        await socket.FollowAsync(handoff.Token);
        await SendAsync(DateTimeOffset.UtcNow.AddSeconds(-1), 0.9);
        await socket.NextAsync(Within);

        // What a rolling restart does first (SIGTERM): the browser is told to go, and its charts follow again wherever
        // the page reconnects.
        app.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        var (status, reason) = await socket.ClosedAsync(Within);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, status);
        Assert.Equal("The portal is stopping.", reason);
    }

    [Fact]
    public async Task Other_sites_anonymous_callers_and_plain_requests_are_refused()
    {
        using (var foreign = await LiveSocketClient.OpenAsync(app, Personas.Business, "https://elsewhere.example"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, foreign.HttpStatusCode);
        }

        using (var anonymous = await LiveSocketClient.OpenAsync(app, null, LiveSocketClient.OriginOf(app)))
        {
            // Sent to sign in, as for any page, instead of upgraded.
            Assert.NotEqual(WebSocketState.Open, anonymous.State);
            Assert.NotEqual(HttpStatusCode.SwitchingProtocols, anonymous.HttpStatusCode);
        }

        using var client = app.CreateClientAs(Personas.Business);
        using var plain = await client.GetAsync(new Uri("/live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.Equal("application/problem+json", plain.Content.Headers.ContentType?.MediaType);
        Assert.Contains("WebSocket", await plain.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
