using System.Globalization;
using System.Net;
using System.Text.Json;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
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
    private BunitJSModuleInterop module = default!;

    public async Task InitializeAsync()
    {
        var contributor = Personas.Contributor.Principal;
        await app.Services.GetRequiredService<ModelsService>().CreateModelAsync(contributor,
            new ModelInput(ModelKey, "Churn", null, "Dana", "Retail", null, RiskTier.Medium, []));

        bunit.Services.AddSingleton(app.Services.GetRequiredService<ChartQueries>());
        bunit.Services.AddSingleton(feed);
        bunit.Services.AddMudServices();
        bunit.Services.AddScoped<BrowserTimeZone>();
        // MudBlazor's own calls are loose; the chart module is strict, so a call the test did not expect fails it.
        bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        module = bunit.JSInterop.SetupModule(ModulePath);
        module.Mode = JSRuntimeMode.Strict;
        module.SetupVoid("create", _ => true).SetVoidResult();
        module.SetupVoid("appendData", _ => true).SetVoidResult();
        module.SetupVoid("updateOptions", _ => true).SetVoidResult();
        module.SetupVoid("destroy", _ => true).SetVoidResult();
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
        using var response = await client.PostJsonAsync("/api/v1/metrics", new
        {
            model = ModelKey,
            environment = Production,
            points = points.Select(p => new { metric = p.Metric, timestamp = p.At.ToString("O", CultureInfo.InvariantCulture), value = p.Value }),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
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

    // Live appends to a drawn chart travel in the render batch, as its element's data-append ({ seq, data, options }).
    private static JsonElement Appended(IRenderedComponent<MetricSeriesChart> cut) =>
        JsonDocument.Parse(cut.Find("[role='img']").GetAttribute("data-append") ?? "null").RootElement;

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
    public async Task A_published_point_of_its_series_is_appended_live_and_others_are_ignored()
    {
        await SendAsync((MetricNames.LatencyP95, Now.AddMinutes(-10), 120));
        var cut = Render(MetricNames.LatencyP95, live: true);
        WaitForChart(cut);

        var at = Now.AddMinutes(-1).ToUnixTimeMilliseconds();
        feed.Publish(
        [
            new CommittedPoint("another-model", Production, MetricNames.LatencyP95, at, 999),
            new CommittedPoint(ModelKey, "staging", MetricNames.LatencyP95, at, 999),
            new CommittedPoint(ModelKey, Production, MetricNames.ErrorRate, at, 0.5),
            new CommittedPoint(ModelKey, Production, MetricNames.LatencyP95, at, 140),
        ]);

        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("[data-testid='chart']").GetAttribute("data-points")));
        var append = Appended(cut);
        var perSeries = Assert.Single(append.GetProperty("data").EnumerateArray().ToList());
        var point = Assert.Single(perSeries.EnumerateArray().ToList());
        Assert.Equal(at, point.GetProperty("x").GetInt64());
        Assert.Equal(140, point.GetProperty("y").GetDouble());

        // The window slides with the clock in the same render batch: one message per live point, and no call.
        var window = append.GetProperty("options").GetProperty("xaxis");
        Assert.True(window.GetProperty("max").GetInt64() >= at, "the window ends at or after the new point");
        module.VerifyNotInvoke("updateOptions");
        module.VerifyNotInvoke("appendData");
    }

    [Fact]
    public async Task With_a_baseline_a_live_point_outside_the_drawn_values_widens_the_axis_and_one_inside_leaves_it()
    {
        await SendAsync((MetricNames.Auc, Now.AddMinutes(-30), 0.88), (MetricNames.Auc, Now.AddMinutes(-20), 0.87));
        var cut = Render(MetricNames.Auc, live: true, [new ChartBaseline(0.93, "baseline (v4)")]);
        WaitForChart(cut);
        var created = Json(module.VerifyInvoke("create"), 2).GetProperty("yaxis");
        Assert.Equal(0.864, created.GetProperty("min").GetDouble(), 9); // 0.87 to the baseline's 0.93, a tenth of that above and below
        Assert.Equal(0.936, created.GetProperty("max").GetDouble(), 9);

        feed.Publish([new CommittedPoint(ModelKey, Production, MetricNames.Auc, Now.AddMinutes(-10).ToUnixTimeMilliseconds(), 0.90)]);
        cut.WaitForAssertion(() => Assert.Equal("3", cut.Find("[data-testid='chart']").GetAttribute("data-points")));
        Assert.False(Appended(cut).GetProperty("options").TryGetProperty("yaxis", out _), "a point inside the axis leaves it as it is");

        feed.Publish([new CommittedPoint(ModelKey, Production, MetricNames.Auc, Now.AddMinutes(-5).ToUnixTimeMilliseconds(), 0.60)]);
        cut.WaitForAssertion(() => Assert.Equal("4", cut.Find("[data-testid='chart']").GetAttribute("data-points")));
        var widened = Appended(cut).GetProperty("options").GetProperty("yaxis");
        Assert.Equal(0.567, widened.GetProperty("min").GetDouble(), 9); // 0.60 to 0.93 now
        Assert.Equal(0.963, widened.GetProperty("max").GetDouble(), 9);
    }

    [Fact]
    public async Task A_late_point_inside_the_window_is_added_in_time_order_and_one_before_the_window_is_not()
    {
        await SendAsync((MetricNames.LatencyP95, Now.AddMinutes(-30), 120), (MetricNames.LatencyP95, Now.AddMinutes(-10), 130));
        var cut = Render(MetricNames.LatencyP95, live: true);
        WaitForChart(cut);

        var late = Now.AddMinutes(-20).ToUnixTimeMilliseconds();
        feed.Publish(
        [
            new CommittedPoint(ModelKey, Production, MetricNames.LatencyP95, late, 125),
            // Already drawn: the same point heard twice.
            new CommittedPoint(ModelKey, Production, MetricNames.LatencyP95, Now.AddMinutes(-10).ToUnixTimeMilliseconds(), 130),
            new CommittedPoint(ModelKey, Production, MetricNames.LatencyP95, Now.AddDays(-2).ToUnixTimeMilliseconds(), 999),
        ]);

        cut.WaitForAssertion(() => Assert.Equal("3", cut.Find("[data-testid='chart']").GetAttribute("data-points")));
        var perSeries = Assert.Single(Appended(cut).GetProperty("data").EnumerateArray().ToList());
        Assert.Equal([late], Xs(perSeries));
    }

    [Fact]
    public void An_empty_live_chart_is_drawn_when_its_first_point_arrives_and_stops_listening_once_disposed()
    {
        var cut = Render(MetricNames.Predictions, live: true);
        cut.WaitForElement("[data-testid='chart-empty']");

        var at = Now.ToUnixTimeMilliseconds();
        feed.Publish([new CommittedPoint(ModelKey, Production, MetricNames.Predictions, at, 42)]);

        WaitForChart(cut);
        var series = Assert.Single(Json(module.VerifyInvoke("create"), 2).GetProperty("series").EnumerateArray().ToList());
        Assert.Equal([at], Xs(series.GetProperty("data")));

        cut.Instance.Dispose();
        feed.Publish([new CommittedPoint(ModelKey, Production, MetricNames.Predictions, at + 1_000, 43)]);
        Assert.DoesNotContain(module.Invocations, i => i.Identifier == "appendData");
        Assert.Equal(JsonValueKind.Null, Appended(cut).ValueKind);
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
}
