using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Browser;

[Collection(BrowserTests.Name)]
public sealed class MonitoringTests(BrowserFixture browser)
{
    private const string Sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    [Fact]
    public async Task A_viewer_sees_the_posted_points_and_a_new_one_appears_without_a_reload()
    {
        var model = await SeedAsync();
        using var exporter = await ExporterAsync();
        var page = await browser.NewPageAsync();
        await page.SignInAsync(Personas.Business, $"/models/{model}/monitoring");

        var auc = page.GetByTestId("chart-model-auc");
        await Assertions.Expect(auc.Locator(".mlops-apexchart")).ToHaveAttributeAsync("data-drawn-points", "10");
        await Assertions.Expect(auc.Locator(".apexcharts-marker")).ToHaveCountAsync(10);
        await Assertions.Expect(auc.Locator(".apexcharts-yaxis-annotations")).ToContainTextAsync("baseline (v1)");
        // The score always comes with its parts and the reason for each.
        await Assertions.Expect(page.Locator("[data-testid='health-breakdown'] td[data-part]")).ToHaveCountAsync(7);
        await Assertions.Expect(page.Locator("[data-testid='health-breakdown'] tr").Filter(new() { Has = page.Locator("td[data-part='Performance']") })).ToContainTextAsync("baseline");
        await Assertions.Expect(page.GetByTestId("chart-latency")).ToHaveAttributeAsync("data-points", "20");
        await Assertions.Expect(page.GetByTestId("chart-errors-empty")).ToContainTextAsync("No points for errors.rate in this range");
        // Survives only as long as the document does: still set afterwards means no reload happened.
        await page.EvaluateAsync("() => window.sameDocument = true");

        await SendAsync(exporter, model, [(MetricNames.Auc, DateTimeOffset.UtcNow, 0.905)]);

        await Assertions.Expect(auc.Locator(".mlops-apexchart")).ToHaveAttributeAsync("data-drawn-points", "11");
        await Assertions.Expect(auc.Locator(".apexcharts-marker")).ToHaveCountAsync(11);
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_zoomed_chart_keeps_its_range_while_live_points_arrive_and_reset_goes_to_the_live_window()
    {
        var model = await SeedAsync();
        using var exporter = await ExporterAsync();
        var page = await browser.NewPageAsync();
        await page.SignInAsync(Personas.Business, $"/models/{model}/monitoring?range=1h");
        var auc = page.GetByTestId("chart-model-auc");
        await Assertions.Expect(auc.Locator(".apexcharts-marker")).ToHaveCountAsync(10);
        var hour = await XRangeAsync(auc);
        Assert.InRange(hour.Max - hour.Min, 3_590_000, 3_610_000);

        // Zoom as a person does: drag across the middle of the plot.
        await auc.ScrollIntoViewIfNeededAsync();
        var plot = await auc.Locator(".apexcharts-grid").BoundingBoxAsync();
        Assert.NotNull(plot);
        var y = plot.Y + (plot.Height / 2);
        await page.Mouse.MoveAsync(plot.X + (plot.Width * 0.3f), y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(plot.X + (plot.Width * 0.7f), y, new() { Steps = 8 });
        await page.Mouse.UpAsync();
        await WaitForRangeAsync(auc, "< 1800000");
        var zoomed = await XRangeAsync(auc);

        // Each point redraws the chart; ApexCharts applies an x-axis change at the redraw after the one that sent it,
        // so the second point is where a reset zoom would show.
        var at = DateTimeOffset.UtcNow;
        for (var i = 1; i <= 2; i++)
        {
            await SendAsync(exporter, model, [(MetricNames.Auc, at.AddSeconds(i), 0.9 + (i / 100.0))]);
            await Assertions.Expect(auc.Locator(".mlops-apexchart")).ToHaveAttributeAsync("data-drawn-points", (10 + i).ToString(CultureInfo.InvariantCulture));
            Assert.Equal(10 + i, await auc.EvaluateAsync<int>($"el => ({ChartOf}).w.config.series[0].data.length"));
            Assert.Equal(zoomed, await XRangeAsync(auc));
        }

        // Resetting the zoom shows the live window as it is now, the new points included.
        await auc.Locator(".apexcharts-reset-icon").ClickAsync();
        await WaitForRangeAsync(auc, "> 3000000");
        var reset = await XRangeAsync(auc);
        Assert.InRange(reset.Max - reset.Min, 3_590_000, 3_610_000);
        Assert.True(reset.Max >= at.AddSeconds(2).ToUnixTimeMilliseconds(), $"reset window {reset} ends before the new points");

        // Not zoomed any more: the window slides with the next point straight away, not one point late.
        var later = at.AddMinutes(1);
        await SendAsync(exporter, model, [(MetricNames.Auc, later, 0.93)]);
        await Assertions.Expect(auc.Locator(".mlops-apexchart")).ToHaveAttributeAsync("data-drawn-points", "13");
        var slid = await XRangeAsync(auc);
        Assert.True(slid.Max >= later.ToUnixTimeMilliseconds(), $"window {slid} ends before the newest point");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_live_point_off_the_axis_widens_it_so_the_point_and_the_baseline_stay_on_the_chart()
    {
        var model = await SeedAsync();
        using var exporter = await ExporterAsync();
        var page = await browser.NewPageAsync();
        await page.SignInAsync(Personas.Business, $"/models/{model}/monitoring?range=1h");
        var auc = page.GetByTestId("chart-model-auc");
        await Assertions.Expect(auc.Locator(".mlops-apexchart")).ToHaveAttributeAsync("data-drawn-points", "10");
        var axis = $"el => [({ChartOf}).w.config.yaxis[0].min, ({ChartOf}).w.config.yaxis[0].max]";
        var before = await auc.EvaluateAsync<double[]>(axis);
        Assert.True(before[0] > 0.85 && before[1] > 0.93, $"drawn from {before[0]} to {before[1]}: the points (0.89 to 0.896) and the baseline (0.93)");

        // Inside the axis: it stays as it is.
        await SendAsync(exporter, model, [(MetricNames.Auc, DateTimeOffset.UtcNow.AddSeconds(-2), 0.9)]);
        await Assertions.Expect(auc.Locator(".mlops-apexchart")).ToHaveAttributeAsync("data-drawn-points", "11");
        Assert.Equal(before, await auc.EvaluateAsync<double[]>(axis));

        // Far below it: the axis widens to the point, with room below, and still reaches the baseline.
        await SendAsync(exporter, model, [(MetricNames.Auc, DateTimeOffset.UtcNow, 0.5)]);
        await Assertions.Expect(auc.Locator(".mlops-apexchart")).ToHaveAttributeAsync("data-drawn-points", "12");
        var after = await auc.EvaluateAsync<double[]>(axis);
        Assert.InRange(after[0], 0.45, 0.4999);
        Assert.InRange(after[1], 0.93, 0.98);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_chart_whose_live_socket_drops_draws_what_it_missed_and_goes_on_live()
    {
        var model = await SeedAsync();
        using var exporter = await ExporterAsync();
        var page = await browser.NewPageAsync();
        var sockets = new List<IWebSocketRoute>();
        await page.RouteWebSocketAsync(new Regex("/live$"), socket =>
        {
            lock (sockets)
            {
                sockets.Add(socket);
            }

            socket.ConnectToServer();
        });
        await page.SignInAsync(Personas.Business, $"/models/{model}/monitoring?range=1h");
        var drawn = page.GetByTestId("chart-model-auc").Locator(".mlops-apexchart");
        await Assertions.Expect(drawn).ToHaveAttributeAsync("data-drawn-points", "10");
        await page.EvaluateAsync("() => window.sameDocument = true");
        await SendAsync(exporter, model, [(MetricNames.Auc, DateTimeOffset.UtcNow.AddSeconds(-3), 0.9)]);
        await Assertions.Expect(drawn).ToHaveAttributeAsync("data-drawn-points", "11");

        // The network drops the socket; a point is committed before the tab has a new one.
        IWebSocketRoute first;
        lock (sockets)
        {
            first = Assert.Single(sockets);
        }

        await first.CloseAsync();
        await SendAsync(exporter, model, [(MetricNames.Auc, DateTimeOffset.UtcNow.AddSeconds(-2), 0.91)]);
        await Assertions.Expect(drawn).ToHaveAttributeAsync("data-drawn-points", "12");

        // Live again, on a second socket, in the same document.
        await SendAsync(exporter, model, [(MetricNames.Auc, DateTimeOffset.UtcNow, 0.92)]);
        await Assertions.Expect(drawn).ToHaveAttributeAsync("data-drawn-points", "13");
        lock (sockets)
        {
            Assert.Equal(2, sockets.Count);
        }

        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_late_point_appears_in_its_place_in_time_without_a_reload()
    {
        var model = await SeedAsync();
        using var exporter = await ExporterAsync();
        var page = await browser.NewPageAsync();
        await page.SignInAsync(Personas.Business, $"/models/{model}/monitoring?range=1h");
        var auc = page.GetByTestId("chart-model-auc");
        await Assertions.Expect(auc.Locator(".apexcharts-marker")).ToHaveCountAsync(10);
        await page.EvaluateAsync("() => window.sameDocument = true");
        var before = await auc.EvaluateAsync<long[]>($"el => ({ChartOf}).w.config.series[0].data.map(p => p.x)");

        // Older than the newest point drawn, inside the hour: an exporter that was behind.
        var late = DateTimeOffset.FromUnixTimeMilliseconds((before[3] + before[4]) / 2);
        await SendAsync(exporter, model, [(MetricNames.Auc, late, 0.95)]);

        await Assertions.Expect(auc.Locator(".mlops-apexchart")).ToHaveAttributeAsync("data-drawn-points", "11");
        await Assertions.Expect(auc.Locator(".apexcharts-marker")).ToHaveCountAsync(11);
        var after = await auc.EvaluateAsync<long[]>($"el => ({ChartOf}).w.config.series[0].data.map(p => p.x)");
        Assert.Equal(before.Append(late.ToUnixTimeMilliseconds()).Order(), after);
        // The line itself runs left to right through it, not back in time to the end of the series.
        var path = await auc.Locator("path.apexcharts-line").First.GetAttributeAsync("d");
        var xs = Regex.Matches(path!, @"[ML]\s*([-\d.]+)[ ,]").Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(11, xs.Count);
        Assert.Equal(xs.Order(), xs);
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_environment_and_range_choices_go_into_the_address_and_the_page_follows_them()
    {
        var model = await SeedAsync();
        var page = await browser.NewPageAsync();
        await page.SignInAsync(Personas.Business, $"/models/{model}/monitoring?range=1h");
        await page.WaitForLiveAsync();
        var environment = page.GetByTestId("environment-select").Locator("select");
        var range = page.GetByTestId("range-select").Locator("select");
        await Assertions.Expect(environment).ToHaveValueAsync("production");
        await Assertions.Expect(range).ToHaveValueAsync("1h");
        await Assertions.Expect(page.GetByLabel("Environment")).ToBeVisibleAsync();

        await environment.SelectOptionAsync("staging");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("env=staging"));
        await Assertions.Expect(page.GetByTestId("performance-empty")).ToBeVisibleAsync();
        await range.SelectOptionAsync("7d");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("env=staging.*range=7d|range=7d.*env=staging"));
        await Assertions.Expect(page.GetByTestId("dashboard-scope")).ToContainTextAsync("7 days");
        await Assertions.Expect(environment).ToHaveValueAsync("staging");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1366, 860)]
    [InlineData(390, 844)]
    public async Task A_custom_window_is_entered_and_read_in_the_viewers_time_zone(int width, int height)
    {
        var model = await SeedAsync();
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            TimezoneId = "Asia/Tokyo", // UTC+9 all year
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        var day = DateTimeOffset.UtcNow.UtcDateTime.Date;
        string Utc(double hours) => day.AddHours(hours).ToString(DashboardRange.InputFormat, CultureInfo.InvariantCulture);
        await page.SignInAsync(Personas.Business, $"/models/{model}/monitoring?range=custom&from={Utc(2)}&to={Utc(6)}");

        var local = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await Assertions.Expect(page.GetByTestId("range-from")).ToHaveValueAsync($"{local}T11:00");
        await Assertions.Expect(page.GetByTestId("range-to")).ToHaveValueAsync($"{local}T15:00");
        await Assertions.Expect(page.GetByLabel("From (Asia/Tokyo)")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("dashboard-scope")).ToContainTextAsync($"{local} 11:00 to {local} 15:00 (Asia/Tokyo)");
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, $"the custom range scrolls sideways at {width}px");
        await BrowserFixture.SaveScreenshotAsync(page, $"monitoring-custom-range-{width}");

        await page.GetByTestId("range-from").FillAsync($"{local}T11:30");
        await page.GetByTestId("range-apply").ClickAsync();

        // The dashboard navigates inside the page (no load event), so the address is polled rather than awaited as a navigation.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"from={Regex.Escape(Uri.EscapeDataString(Utc(2.5)))}"));
        await Assertions.Expect(page.GetByTestId("dashboard-scope")).ToContainTextAsync($"{local} 11:30 to {local} 15:00 (Asia/Tokyo)");
        await context.CloseAsync();
    }

    // The ApexCharts instance drawn inside a dashboard panel, from ApexCharts' own registry.
    private const string ChartOf = "globalThis.Apex._chartInstances.find(i => el.contains(i.chart.el)).chart";

    private static async Task WaitForRangeAsync(ILocator panel, string condition)
    {
        var element = await panel.ElementHandleAsync();
        await panel.Page.WaitForFunctionAsync($"el => {{ const w = ({ChartOf}).w; return w.globals.maxX - w.globals.minX {condition}; }}", element);
    }

    private static async Task<(double Min, double Max)> XRangeAsync(ILocator panel)
    {
        var range = await panel.EvaluateAsync<double[]>($"el => {{ const w = ({ChartOf}).w; return [w.globals.minX, w.globals.maxX]; }}");
        return (range[0], range[1]);
    }

    [Theory]
    [InlineData(1366, 860, false)]
    [InlineData(1366, 860, true)]
    [InlineData(390, 844, false)]
    [InlineData(390, 844, true)]
    public async Task Monitoring_pages_render_at_laptop_and_phone_width_in_both_themes(int width, int height, bool dark)
    {
        var model = await SeedAsync();
        var page = await browser.NewPageAsync(width, height);
        await page.SignInAsync(Personas.Business, "/system");
        var toggle = page.GetByTestId("theme-toggle");
        var wanted = dark ? "Switch to light theme" : "Switch to dark theme";
        if (await toggle.GetAttributeAsync("aria-label") != wanted)
        {
            await toggle.ClickAsync();
        }

        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-label", wanted);
        var name = $"{width}-{(dark ? "dark" : "light")}";
        foreach (var (path, shot, ready) in new[]
        {
            ($"/models/{model}/monitoring", "dashboard", "[data-testid='chart-model-auc'] .apexcharts-canvas"),
            ($"/models/{model}/monitoring?env=staging&range=7d", "dashboard-empty", "[data-testid='performance-empty']"),
            ($"/models/{model}", "model-tab", "[data-testid='model-header']"),
            ("/monitoring/data", "pipelines", $"[data-testid='pipeline-{model}']"),
            ("/system", "system", "[data-testid='system-system.cpu_percent'] .apexcharts-canvas"),
        })
        {
            await page.GotoAsync(path);
            await page.WaitForLiveAsync();
            if (shot == "model-tab")
            {
                await page.GetByRole(AriaRole.Tab, new() { Name = "Monitoring" }).ClickAsync();
                await Assertions.Expect(page.GetByTestId("latest-production")).ToContainTextAsync("AUC");
            }

            await Assertions.Expect(page.Locator(ready).First).ToBeVisibleAsync();
            var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
            Assert.False(overflow, $"{path} scrolls sideways at {width}px");
            await BrowserFixture.SaveScreenshotAsync(page, $"monitoring-{shot}-{name}");
        }

        await page.Context.CloseAsync();
    }

    private async Task<HttpClient> ExporterAsync()
    {
        var key = await browser.App.CreateKeyAsync($"exporter-{Guid.NewGuid():N}"[..20], PortalRoles.MetricsWrite);
        // Over the real Kestrel port, as an exporter outside the process would call it.
        var client = new HttpClient { BaseAddress = browser.BaseAddress };
        client.DefaultRequestHeaders.Add(ApiTestClient.ApiKeyHeader, key.Secret);
        return client;
    }

    private static Task SendAsync(HttpClient exporter, string model, IEnumerable<(string Metric, DateTimeOffset At, double Value)> points) =>
        exporter.SendMetricsAsync(model, "production", points);

    /// <summary>A model with one version (training AUC 0.93) and ten minutes' worth of production points, sent through the API.</summary>
    private async Task<string> SeedAsync()
    {
        var model = $"churn-{Guid.NewGuid().ToString("N")[..6]}";
        var models = browser.App.Services.GetRequiredService<ModelsService>();
        var dana = Personas.Contributor.Principal;
        await models.CreateModelAsync(dana, new ModelInput(model, "Customer churn", null, "Dana Scientist", "Retail", null, RiskTier.High, []));
        await models.RegisterVersionAsync(dana, model, new VersionInput("xgboost 2.1", $"s3://models/{model}/1/model.json", Sha, null, null, null,
            null, null, new Dictionary<string, double> { ["auc"] = 0.93, ["accuracy"] = 0.9 }, null));

        var now = DateTimeOffset.UtcNow;
        var points = new List<(string, DateTimeOffset, double)>();
        for (var i = 0; i < 10; i++)
        {
            var at = now.AddMinutes(-50 + (i * 5));
            points.Add((MetricNames.Auc, at, 0.89 + (0.002 * (i % 4))));
            points.Add((MetricNames.Accuracy, at, 0.86 + (0.003 * (i % 3))));
            points.Add((MetricNames.LatencyP50, at, 42 + (i % 5)));
            points.Add((MetricNames.LatencyP95, at, 120 + (7 * (i % 4))));
            points.Add((MetricNames.Predictions, at, 1_200 + (35 * i)));
        }

        foreach (var (hoursAgo, completeness) in new[] { (20, 0.992), (14, 0.987), (8, 0.95), (2, 0.981) })
        {
            var at = now.AddHours(-hoursAgo);
            points.Add((MetricNames.DataLoadDuration, at, 40 + hoursAgo));
            points.Add((MetricNames.DataRowCount, at, 1_250_000 + (hoursAgo * 1_000)));
            points.Add((MetricNames.DataCompleteness, at, completeness));
        }

        using var exporter = await ExporterAsync();
        await SendAsync(exporter, model, points);
        return model;
    }
}
