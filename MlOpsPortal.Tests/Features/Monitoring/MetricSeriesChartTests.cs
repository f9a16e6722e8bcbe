using System.Text.Json;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using MlOpsPortal.Components.Shared;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;
using MudBlazor.Services;

namespace MlOpsPortal.Tests.Features.Monitoring;

/// <summary>The dashboard chart over the real store (points sent through the API) and a strictly set-up chart module.</summary>
public sealed class MetricSeriesChartTests : IAsyncLifetime, IAsyncDisposable
{
    private const string ModulePath = "./Components/Charts/ApexChart.razor.js";
    private const string ModelKey = "churn-model";
    private const string Production = "production";

    private static readonly DateTimeOffset Now = TruncateToSecond(DateTimeOffset.UtcNow);
    private readonly PortalAppFactory app = new();
    private readonly BunitContext bunit = new();
    private readonly MetricsFeed feed = new();
    private readonly LiveHandoffs handoffs;
    private BunitJSModuleInterop module = default!;
    private BunitJSModuleInterop live = default!;

    public MetricSeriesChartTests() => handoffs = new LiveHandoffs(feed);

    public async Task InitializeAsync()
    {
        var contributor = Personas.Contributor.Principal;
        await app.Services.GetRequiredService<ModelsService>().CreateModelAsync(contributor,
            new ModelInput(ModelKey, "Churn", null, "Dana", "Retail", null, RiskTier.Medium, []));

        bunit.Services.AddSingleton(app.Services.GetRequiredService<ChartQueries>());
        bunit.Services.AddSingleton(handoffs);
        bunit.Services.AddMudServices();
        bunit.Services.AddScoped<BrowserTimeZone>();
        // MudBlazor's own calls are loose; the chart module is strict, so a call the test did not expect fails it.
        bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        module = bunit.JSInterop.SetupModule(ModulePath);
        module.Mode = JSRuntimeMode.Strict;
        module.SetupVoid("create", _ => true).SetVoidResult();
        module.SetupVoid("destroy", _ => true).SetVoidResult();
        live = bunit.JSInterop.SetupModule(MetricSeriesChart.ModulePath);
        live.Mode = JSRuntimeMode.Strict;
        live.SetupVoid("follow", _ => true).SetVoidResult();
        live.SetupVoid("unfollow", _ => true).SetVoidResult();
        bunit.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    // MudBlazor's scoped services dispose asynchronously only.
    public async ValueTask DisposeAsync()
    {
        await bunit.DisposeAsync();
        await app.DisposeAsync();
    }

    private static DateTimeOffset TruncateToSecond(DateTimeOffset t) => new(t.Ticks - (t.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private async Task SendAsync(params (string Metric, DateTimeOffset At, double Value)[] points)
    {
        var key = await app.CreateKeyAsync($"exporter-{Guid.NewGuid():N}", PortalRoles.MetricsWrite);
        using var client = app.CreateClientWithKey(key.Secret);
        await client.SendMetricsAsync(ModelKey, Production, points);
    }

    private IRenderedComponent<MetricSeriesChart> Render(string metric, bool live, IReadOnlyList<ChartBaseline>? baselines = null) =>
        bunit.Render<MetricSeriesChart>(ps => ps
            .Add(p => p.Model, ModelKey)
            .Add(p => p.Environment, Production)
            .Add(p => p.Metrics, [metric])
            .Add(p => p.Title, MetricDisplay.Label(metric))
            .Add(p => p.From, Now.AddHours(-1))
            .Add(p => p.To, Now)
            .Add(p => p.Live, live)
            .Add(p => p.Baselines, baselines ?? [])
            .Add(p => p.TestId, "chart"));

    // The chart is created in its first OnAfterRender, just after the render the wait sees; one more render on the
    // same dispatcher comes after it.
    private static void WaitForChart(IRenderedComponent<MetricSeriesChart> cut)
    {
        cut.WaitForElement("[role='img']");
        cut.Render();
    }

    private static JsonElement Json(JSRuntimeInvocation invocation, int index) =>
        JsonDocument.Parse(Assert.IsType<string>(invocation.Arguments[index])).RootElement;

    private static long[] Xs(JsonElement data) => [.. data.EnumerateArray().Select(p => p.GetProperty("x").GetInt64())];

    [Fact]
    public async Task It_draws_only_its_metric_within_the_range_with_the_baseline_as_a_dashed_line()
    {
        await SendAsync(
            (MetricNames.Auc, Now.AddMinutes(-90), 0.70),
            (MetricNames.Auc, Now.AddMinutes(-30), 0.88),
            (MetricNames.Auc, Now.AddMinutes(-20), 0.87),
            (MetricNames.Accuracy, Now.AddMinutes(-25), 0.5));

        var cut = Render(MetricNames.Auc, live: false, [new ChartBaseline(0.93, "baseline (v4)")]);

        WaitForChart(cut);
        var options = Json(module.VerifyInvoke("create"), 2);
        var series = Assert.Single(options.GetProperty("series").EnumerateArray().ToList());
        Assert.Equal("AUC", series.GetProperty("name").GetString());
        Assert.Equal([Now.AddMinutes(-30).ToUnixTimeMilliseconds(), Now.AddMinutes(-20).ToUnixTimeMilliseconds()], Xs(series.GetProperty("data")));
        Assert.Equal(Now.AddHours(-1).ToUnixTimeMilliseconds(), options.GetProperty("xaxis").GetProperty("min").GetInt64());
        Assert.Equal(Now.ToUnixTimeMilliseconds(), options.GetProperty("xaxis").GetProperty("max").GetInt64());
        Assert.Equal("x", options.GetProperty("chart").GetProperty("zoom").GetProperty("type").GetString());

        var baseline = Assert.Single(options.GetProperty("annotations").GetProperty("yaxis").EnumerateArray().ToList());
        Assert.Equal(0.93, baseline.GetProperty("y").GetDouble());
        Assert.True(baseline.GetProperty("strokeDashArray").GetInt32() > 0);
        Assert.Equal("baseline (v4)", baseline.GetProperty("label").GetProperty("text").GetString());
        // The axis reaches the baseline, which lies above every point; otherwise it would be drawn off the chart.
        Assert.True(options.GetProperty("yaxis").GetProperty("max").GetDouble() > 0.93);

        var panel = cut.Find("[data-testid='chart']");
        Assert.Equal("2", panel.GetAttribute("data-points"));
        Assert.Contains("every point", panel.TextContent, StringComparison.Ordinal);
        Assert.Contains("AUC of churn-model in production", cut.Find("[role='img']").GetAttribute("aria-label"), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_points_it_says_how_to_send_them_and_draws_no_chart()
    {
        var cut = Render(MetricNames.Auc, live: false);

        cut.WaitForAssertion(() => Assert.Equal(
            "No points for model.auc in this range — send them with POST /api/v1/metrics.",
            cut.Find("[data-testid='chart-empty']").TextContent.Trim()));
        Assert.Empty(module.Invocations);
    }

    [Fact]
    public async Task A_drawn_live_chart_hands_its_series_to_the_browser_with_the_points_heard_since_its_read()
    {
        await SendAsync((MetricNames.LatencyP95, Now.AddMinutes(-10), 120));
        var cut = Render(MetricNames.LatencyP95, live: true);
        WaitForChart(cut);
        var follow = live.VerifyInvoke("follow");
        // The chart it follows for is the one drawn.
        Assert.Equal(module.VerifyInvoke("create").Arguments[0], follow.Arguments[0]);
        var token = Assert.IsType<string>(follow.Arguments[1]);
        Assert.Equal([new LiveSeries(ModelKey, Production, MetricNames.LatencyP95).Key], Assert.IsAssignableFrom<IEnumerable<string>>(follow.Arguments[2]));
        Assert.Equal((long)TimeSpan.FromHours(1).TotalMilliseconds, follow.Arguments[3]);

        var at = Now.AddMinutes(-1).ToUnixTimeMilliseconds();
        feed.Publish(
        [
            new CommittedPoint("another-model", Production, MetricNames.LatencyP95, at, 999),
            new CommittedPoint(ModelKey, "staging", MetricNames.LatencyP95, at, 999),
            new CommittedPoint(ModelKey, Production, MetricNames.ErrorRate, at, 0.5),
            new CommittedPoint(ModelKey, Production, MetricNames.LatencyP95, at, 140),
        ]);

        // Held for the browser's live socket, not rendered by the circuit: the chart's markup does not change.
        var handoff = handoffs.Claim(token, string.Empty);
        Assert.NotNull(handoff);
        var held = await HeldAsync(handoff, 1);
        Assert.Equal([new CommittedPoint(ModelKey, Production, MetricNames.LatencyP95, at, 140)], held);
        Assert.Equal("1", cut.Find("[data-testid='chart']").GetAttribute("data-points"));
        Assert.Null(handoffs.Claim(token, string.Empty));
    }

    [Fact]
    public async Task Following_again_reads_the_series_afresh_and_hands_over_a_new_token_in_place_of_the_old()
    {
        await SendAsync((MetricNames.LatencyP95, Now.AddMinutes(-10), 120));
        var cut = Render(MetricNames.LatencyP95, live: true);
        WaitForChart(cut);
        var first = Assert.IsType<string>(live.VerifyInvoke("follow").Arguments[1]);

        // Committed while the browser had no socket: the chart did not hear it.
        await SendAsync((MetricNames.LatencyP95, Now.AddMinutes(-5), 130));
        module.SetupVoid("updateSeries", _ => true).SetVoidResult();
        var second = await cut.InvokeAsync(() => cut.Instance.FollowAgainAsync());

        Assert.NotNull(second);
        Assert.NotEqual(first, second);
        Assert.Null(handoffs.Claim(first, string.Empty));
        Assert.NotNull(handoffs.Claim(second, string.Empty));
        var series = Assert.Single(Json(module.VerifyInvoke("updateSeries"), 1).EnumerateArray().ToList());
        Assert.Equal([Now.AddMinutes(-10).ToUnixTimeMilliseconds(), Now.AddMinutes(-5).ToUnixTimeMilliseconds()], Xs(series.GetProperty("data")));
        Assert.Equal(1, feed.SeriesSubscriberCount);
    }

    [Fact]
    public async Task A_chart_whose_module_cannot_follow_still_shows_what_it_read()
    {
        await SendAsync((MetricNames.LatencyP95, Now.AddMinutes(-10), 120));
        live.SetupVoid("follow", _ => true).SetException(new JSException("The live module could not be loaded."));

        var cut = Render(MetricNames.LatencyP95, live: true);

        WaitForChart(cut);
        cut.WaitForAssertion(() => live.VerifyInvoke("follow"));
        Assert.Equal("1", cut.Find("[data-testid='chart']").GetAttribute("data-points"));
    }

    [Fact]
    public void An_empty_live_chart_is_drawn_when_its_first_point_arrives_and_then_followed()
    {
        var cut = Render(MetricNames.Predictions, live: true);
        cut.WaitForElement("[data-testid='chart-empty']");
        live.VerifyNotInvoke("follow");

        var at = Now.ToUnixTimeMilliseconds();
        feed.Publish([new CommittedPoint(ModelKey, Production, MetricNames.Predictions, at, 42)]);

        WaitForChart(cut);
        var series = Assert.Single(Json(module.VerifyInvoke("create"), 2).GetProperty("series").EnumerateArray().ToList());
        Assert.Equal([at], Xs(series.GetProperty("data")));
        cut.WaitForAssertion(() => live.VerifyInvoke("follow"));

        // Drawn already, so not held for the socket a second time.
        var handoff = handoffs.Claim(Assert.IsType<string>(live.VerifyInvoke("follow").Arguments[1]), string.Empty);
        Assert.NotNull(handoff);
        Assert.Empty(handoff.Release());
    }

    [Fact]
    public async Task A_live_chart_watches_only_its_series_and_stops_when_disposed()
    {
        var cut = Render(MetricNames.Predictions, live: true);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid='chart-empty']")));
        Assert.Equal(1, feed.SeriesSubscriberCount);

        await bunit.DisposeComponentsAsync();

        Assert.Equal(0, feed.SeriesSubscriberCount);
    }

    // The feed delivers off the publisher's thread: waits for the hold to have the given number of points.
    private static async Task<IReadOnlyList<CommittedPoint>> HeldAsync(LiveHandoff handoff, int count)
    {
        var held = new List<CommittedPoint>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (held.Count < count)
        {
            held.AddRange(handoff.TakeHeld());
            await Task.Yield();
            timeout.Token.ThrowIfCancellationRequested();
        }

        return held;
    }
}
