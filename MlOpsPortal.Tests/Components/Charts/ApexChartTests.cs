using System.Text.Json;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MlOpsPortal.Components.Charts;

namespace MlOpsPortal.Tests.Components.Charts;

public sealed class ApexChartTests : IAsyncDisposable
{
    private const string ModulePath = "./Components/Charts/ApexChart.razor.js";

    private static readonly DateTimeOffset T0 = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private readonly BunitContext _ctx = new();
    private readonly BunitJSModuleInterop _module;
    private readonly JSRuntimeInvocationHandler _create;
    private readonly JSRuntimeInvocationHandler _destroy;

    public ApexChartTests()
    {
        // Strict: any module call without a matching setup below fails the test.
        _ctx.JSInterop.Mode = JSRuntimeMode.Strict;
        _module = _ctx.JSInterop.SetupModule(ModulePath);
        _create = _module.SetupVoid("create", _ => true).SetVoidResult();
        _destroy = _module.SetupVoid("destroy", _ => true).SetVoidResult();
        _module.SetupVoid("updateSeries", _ => true).SetVoidResult();
        _module.SetupVoid("updateOptions", _ => true).SetVoidResult();
    }

    public ValueTask DisposeAsync() => _ctx.DisposeAsync();

    private static ApexChartOptions CpuOptions() => new()
    {
        Chart = new ApexChartSettings { Type = ApexChartType.Line },
        Series = [new ChartSeries { Name = "CPU", Data = [new ChartPoint(T0, 12.5)] }],
        XAxis = new XAxisOptions { Type = AxisType.DateTime, Labels = new XAxisLabels { Formatter = ChartFormatters.LocalTime } },
        YAxis = new YAxisOptions { Max = 100, Decimals = 1 },
    };

    private IRenderedComponent<ApexChart> RenderChart(ApexChartOptions? options = null, bool? darkMode = null) =>
        _ctx.Render<ApexChart>(ps => ps
            .Add(p => p.Options, options ?? CpuOptions())
            .Add(p => p.AriaLabel, "CPU usage")
            .Add(p => p.Height, 300)
            .Add(p => p.DarkMode, darkMode));

    private static JsonElement JsonArgument(JSRuntimeInvocation invocation, int index) =>
        JsonDocument.Parse(Assert.IsType<string>(invocation.Arguments[index])).RootElement;

    [Fact]
    public void Render_creates_the_chart_once_with_camelCased_options_and_no_nulls()
    {
        var cut = RenderChart();

        var create = _module.VerifyInvoke("create");
        Assert.Equal(cut.Instance.ChartId, create.Arguments[0]);
        var element = Assert.IsType<ElementReference>(create.Arguments[1]);
        Assert.Equal(cut.Find("div").GetAttribute("blazor:elementReference"), element.Id);

        var json = Assert.IsType<string>(create.Arguments[2]);
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
        var options = JsonArgument(create, 2);
        Assert.Equal("line", options.GetProperty("chart").GetProperty("type").GetString());
        Assert.Equal(300, options.GetProperty("chart").GetProperty("height").GetInt32());
        Assert.Equal("transparent", options.GetProperty("chart").GetProperty("background").GetString());
        Assert.False(options.GetProperty("dataLabels").GetProperty("enabled").GetBoolean());
        var series = Assert.Single(options.GetProperty("series").EnumerateArray().ToList());
        Assert.Equal("CPU", series.GetProperty("name").GetString());
        var point = Assert.Single(series.GetProperty("data").EnumerateArray().ToList());
        Assert.Equal(T0.ToUnixTimeMilliseconds(), point.GetProperty("x").GetInt64());
        Assert.Equal(12.5, point.GetProperty("y").GetDouble());
        Assert.Equal("datetime", options.GetProperty("xaxis").GetProperty("type").GetString());
        Assert.Equal("localTime", options.GetProperty("xaxis").GetProperty("labels").GetProperty("formatter").GetString());
        Assert.Equal(1, options.GetProperty("yaxis").GetProperty("decimalsInFloat").GetInt32());
        Assert.False(options.GetProperty("yaxis").TryGetProperty("min", out _));
        Assert.False(options.TryGetProperty("theme", out _));
        Assert.False(options.TryGetProperty("tooltip", out _));
    }

    [Fact]
    public void Caller_options_win_over_component_defaults_but_not_over_parameters()
    {
        var options = CpuOptions();
        options.Chart!.Background = "#101010";
        options.Chart.Height = 120;
        options.DataLabels = new DataLabelsOptions { Enabled = true };
        options.Theme = new ThemeOptions { Mode = ThemeMode.Light };

        RenderChart(options, darkMode: true);

        var sent = JsonArgument(_module.VerifyInvoke("create"), 2);
        Assert.Equal("#101010", sent.GetProperty("chart").GetProperty("background").GetString());
        Assert.True(sent.GetProperty("dataLabels").GetProperty("enabled").GetBoolean());
        Assert.Equal(300, sent.GetProperty("chart").GetProperty("height").GetInt32());
        Assert.Equal("dark", sent.GetProperty("theme").GetProperty("mode").GetString());
    }

    [Fact]
    public void Container_is_labelled_for_assistive_technology()
    {
        var div = RenderChart().Find("div");

        Assert.Equal("img", div.GetAttribute("role"));
        Assert.Equal("CPU usage", div.GetAttribute("aria-label"));
    }

    [Fact]
    public void Dark_mode_parameter_sets_theme_and_a_dark_grid_and_switches_live()
    {
        var cut = RenderChart(darkMode: true);

        var options = JsonArgument(_module.VerifyInvoke("create"), 2);
        Assert.Equal("dark", options.GetProperty("theme").GetProperty("mode").GetString());
        Assert.Equal("rgba(255, 255, 255, 0.12)", options.GetProperty("grid").GetProperty("borderColor").GetString());

        cut.Render(ps => ps.Add(p => p.DarkMode, false));

        var update = _module.VerifyInvoke("updateOptions");
        Assert.Equal(cut.Instance.ChartId, update.Arguments[0]);
        var patch = JsonArgument(update, 1);
        Assert.Equal("light", patch.GetProperty("theme").GetProperty("mode").GetString());
        Assert.False(patch.TryGetProperty("series", out _));
    }

    [Fact]
    public async Task UpdateSeriesAsync_replaces_the_series_of_this_chart()
    {
        var cut = RenderChart();

        await cut.InvokeAsync(() => cut.Instance.UpdateSeriesAsync(
            [new ChartSeries { Name = "Memory", Data = [new ChartPoint(T0, 1), new ChartPoint(T0.AddMinutes(1), 2)] }]));

        var invocation = _module.VerifyInvoke("updateSeries");
        Assert.Equal(cut.Instance.ChartId, invocation.Arguments[0]);
        var series = Assert.Single(JsonArgument(invocation, 1).EnumerateArray().ToList());
        Assert.Equal("Memory", series.GetProperty("name").GetString());
        Assert.Equal(2, series.GetProperty("data").GetArrayLength());
        Assert.Equal(true, invocation.Arguments[2]);
    }

    [Fact]
    public async Task UpdateOptionsAsync_sends_only_what_the_caller_set()
    {
        var cut = RenderChart();

        await cut.InvokeAsync(() => cut.Instance.UpdateOptionsAsync(new ApexChartOptions
        {
            Annotations = new AnnotationsOptions { YAxis = [new YAxisAnnotation { Y = 80, Label = new AnnotationLabel { Text = "SLO" } }] },
        }));

        var invocation = _module.VerifyInvoke("updateOptions");
        Assert.Equal(cut.Instance.ChartId, invocation.Arguments[0]);
        var patch = JsonArgument(invocation, 1);
        Assert.Equal(["annotations"], patch.EnumerateObject().Select(p => p.Name));
        var line = Assert.Single(patch.GetProperty("annotations").GetProperty("yaxis").EnumerateArray().ToList());
        Assert.Equal(80, line.GetProperty("y").GetDouble());
        Assert.Equal("SLO", line.GetProperty("label").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Calls_made_before_the_chart_exists_are_replayed_after_create()
    {
        var pendingCreate = _module.SetupVoid("create", _ => true); // never completes until told to
        var cut = RenderChart();

        await cut.InvokeAsync(() => cut.Instance.UpdateOptionsAsync(new ApexChartOptions()));
        await cut.InvokeAsync(() => cut.Instance.UpdateSeriesAsync([]));
        _module.VerifyNotInvoke("updateOptions");
        _module.VerifyNotInvoke("updateSeries");

        pendingCreate.SetVoidResult();

        cut.WaitForAssertion(() =>
        {
            Assert.Equal(cut.Instance.ChartId, _module.VerifyInvoke("updateOptions").Arguments[0]);
            Assert.Equal(cut.Instance.ChartId, _module.VerifyInvoke("updateSeries").Arguments[0]);
        });
    }

    [Fact]
    public void A_failing_create_is_contained_to_the_chart()
    {
        _module.SetupVoid("create", _ => true).SetException(new JSException("ApexCharts is not loaded"));

        var cut = RenderChart();

        Assert.Equal("CPU usage", cut.Find("div").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task Disposing_the_context_destroys_the_chart_it_created()
    {
        var chartId = RenderChart().Instance.ChartId;
        _module.VerifyNotInvoke("destroy");

        await _ctx.DisposeAsync();

        var destroy = _module.VerifyInvoke("destroy");
        Assert.Equal(chartId, destroy.Arguments[0]);
        Assert.Equal(chartId, _create.Invocations["create"][0].Arguments[0]);
    }

    public static TheoryData<Exception> CircuitGoneExceptions() =>
    [
        new JSDisconnectedException("circuit gone"),
        new TaskCanceledException("circuit shutting down"),
        new ObjectDisposedException("JSRuntime"),
    ];

    [Theory]
    [MemberData(nameof(CircuitGoneExceptions))]
    public async Task Disposing_when_the_circuit_is_gone_does_not_throw(Exception circuitGone)
    {
        _module.SetupVoid("destroy", _ => true).SetException(circuitGone);
        var cut = RenderChart();

        // Called directly: the renderer would swallow and log a throwing DisposeAsync, hiding the bug.
        var exception = await Record.ExceptionAsync(() => cut.InvokeAsync(() => cut.Instance.DisposeAsync().AsTask()));

        Assert.Null(exception);
        Assert.Equal(cut.Instance.ChartId, _module.VerifyInvoke("destroy").Arguments[0]);
        Assert.Empty(_destroy.Invocations);
    }

    [Fact]
    public async Task Updates_after_disposal_do_not_reach_javascript()
    {
        var cut = RenderChart();
        var chart = cut.Instance;

        await _ctx.DisposeAsync();
        await chart.UpdateSeriesAsync([]);

        _module.VerifyNotInvoke("updateSeries");
    }
}
