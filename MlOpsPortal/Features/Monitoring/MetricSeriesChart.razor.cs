using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsPortal.Components.Charts;
using MlOpsPortal.Components.Shared;
using MlOpsPortal.Infrastructure.Auth;
using Microsoft.JSInterop;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>A dashed horizontal line on a chart, e.g. the training value of the version in service.</summary>
public sealed record ChartBaseline(double Value, string Label);

public sealed partial class MetricSeriesChart : IAsyncDisposable
{
    /// <summary>About the plot width of a dashboard chart in pixels: more points than that are not visible anyway.</summary>
    public const int DefaultMaxPoints = 600;

    internal const string ModulePath = "./Features/Monitoring/MetricSeriesChart.razor.js";

    // Markers make single points visible but turn a dense line into a smear.
    private const int MarkerLimit = 60;
    private const string BaselineColor = "#f59e0b";

    private List<ChartPoint>[] data = [];
    private ApexChart? chart;
    private ApexChartOptions? options;
    private LiveHandoff? handoff;
    private IJSObjectReference? module;
    private DotNetObjectReference<MetricSeriesChart>? self;
    private string resolution = "raw";
    private int pointCount;
    private bool loaded;
    private bool following;

    [Inject]
    private ChartQueries Queries { get; set; } = default!;

    [Inject]
    private LiveHandoffs Handoffs { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ILogger<MetricSeriesChart> Logger { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;
    /// <summary>The model's key; null for the portal's own series.</summary>
    [Parameter]
    public string? Model { get; set; }

    [Parameter, EditorRequired]
    public string Environment { get; set; } = string.Empty;

    /// <summary>Metric names, one series each, in legend order.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<string> Metrics { get; set; } = [];

    [Parameter, EditorRequired]
    public string Title { get; set; } = string.Empty;

    [Parameter]
    public string? Unit { get; set; }

    [Parameter, EditorRequired]
    public DateTimeOffset From { get; set; }

    [Parameter, EditorRequired]
    public DateTimeOffset To { get; set; }

    /// <summary>The range ends now: new points are appended as they are committed.</summary>
    [Parameter]
    public bool Live { get; set; }

    /// <summary>How the range reads in a sentence, for the chart's accessible name ("the last 24 hours").</summary>
    [Parameter]
    public string RangeText { get; set; } = "the selected range";

    [Parameter]
    public IReadOnlyList<ChartBaseline> Baselines { get; set; } = [];

    [Parameter]
    public int MaxPoints { get; set; } = DefaultMaxPoints;

    [Parameter]
    public int Height { get; set; } = 240;

    [Parameter]
    public string? TestId { get; set; }

    /// <summary>
    /// Set by a page of many charts (a model's dashboard): a chart it covers takes its series from the page's one read.
    /// Not while live in a circuit: there each chart holds its points from before its own read, so no point committed meanwhile is lost.
    /// </summary>
    [CascadingParameter]
    public ChartSeriesBatch? Batch { get; set; }

    [CascadingParameter(Name = PortalTheme.DarkModeCascade)]
    private bool DarkMode { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState>? Authentication { get; set; }

    private IReadOnlyList<LiveSeries> Series => [.. Metrics.Select(m => new LiveSeries(Model, Environment, m))];

    private string AriaLabel =>
        $"{Title} of {Model ?? "the portal"} in {Environment} over {RangeText}" +
        (Baselines.Count == 0 ? string.Empty : $", with {string.Join(", ", Baselines.Select(b => $"{b.Label} at {b.Value:0.###}"))}");

    protected override async Task OnInitializedAsync()
    {
        // Prerendered, a chart is its placeholder: ApexCharts draws only once the circuit is up, and the circuit's render
        // reads the series itself (a live one holding its points first), so a read here would be thrown away. It was a
        // fifth of a dashboard request's CPU (bench/PageBench).
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        await ReadAsync();
        loaded = true;
        if (pointCount > 0)
        {
            options = BuildOptions();
        }
    }

    // A live chart holds its series' points from before its read, so no point committed meanwhile is lost: those heard
    // during the read are drawn with it, later ones wait in the hold until the browser's live socket takes them over.
    private async Task ReadAsync()
    {
        if (Live)
        {
            handoff?.Dispose();
            var user = Authentication is null ? null : (await Authentication).User.UserId();
            handoff = Handoffs.Hold(user ?? string.Empty, Series, _ => InvokeAsync(DrawFirstPointsAsync));
            await handoff.Ready;
        }

        var results = await Task.WhenAll(Metrics.Select(ReadAsync));
        data = [.. results.Select(r => r.Points.Select(p => new ChartPoint(p.T, p.V)).ToList())];
        var resolutions = results.Select(r => r.Resolution).Distinct().ToList();
        resolution = resolutions.Count == 1 ? resolutions[0] : string.Join("/", resolutions);
        if (handoff is not null)
        {
            Add(handoff.TakeHeld());
        }

        pointCount = data.Sum(d => d.Count);
    }

    // Until a live chart is drawn there is nothing for the browser to append to: its first points are drawn here.
    private Task DrawFirstPointsAsync()
    {
        if (!loaded || options is not null || handoff is null)
        {
            return Task.CompletedTask;
        }

        Add(handoff.TakeHeld());
        pointCount = data.Sum(d => d.Count);
        if (pointCount > 0)
        {
            options = BuildOptions();
            StateHasChanged();
        }

        return Task.CompletedTask;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (handoff is null || chart is null || following)
        {
            return;
        }

        following = true;
        try
        {
            module ??= await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
            self ??= DotNetObjectReference.Create(this);
            await module.InvokeVoidAsync("follow", chart.ChartId, handoff.Token, Series.Select(s => s.Key).ToList(), (long)(To - From).TotalMilliseconds, self);
        }
        catch (JSDisconnectedException)
        {
            // The tab went while the chart was being drawn.
        }
        catch (JSException ex)
        {
            // A chart that cannot follow still shows what it read; it should not take the page's circuit down with it.
            Logger.LogWarning(ex, "Chart {Title} of {Model} in {Environment} could not follow its live points", Title, Model ?? "the portal", Environment);
        }
    }

    /// <summary>
    /// The browser lost its live socket, or the socket did not know the chart's token: the chart reads its series
    /// afresh and holds the points from before that read for the next socket. Answers the new token.
    /// </summary>
    [JSInvokable]
    public async Task<string?> FollowAgainAsync()
    {
        if (!Live || chart is null)
        {
            return null;
        }

        await ReadAsync();
        await chart.UpdateSeriesAsync(ChartSeriesList(), animate: false);
        StateHasChanged();
        return handoff?.Token;
    }

    private async Task<MetricQueryResult> ReadAsync(string metric)
    {
        if (handoff is null && Batch is { } batch && batch.Covers(Model, Environment, metric, From, To, MaxPoints) && await batch.TakeAsync(metric) is { } batched)
        {
            return batched;
        }

        return Model is null
            ? await Queries.QueryPortalAsync(Environment, metric, From, To, MaxPoints)
            : await Queries.QueryAsync(new MetricQuery(Model, Environment, metric, From, To, MaxPoints));
    }

    // A point older than the newest one drawn (a late exporter, a retried batch) goes in its place in time, as the next
    // read would put it; one before the window's start is outside the chart. A timestamp already drawn is the same
    // point (the store keeps one per timestamp), e.g. one heard while the first read was running.
    private void Add(IEnumerable<CommittedPoint> points)
    {
        var windowStart = Live ? Clock.GetUtcNow() - (To - From) : From;
        foreach (var point in points.OrderBy(p => p.TimestampMs))
        {
            var index = IndexOf(point.Metric);
            var series = data[index];
            var t = DateTimeOffset.FromUnixTimeMilliseconds(point.TimestampMs);
            if (t < windowStart || (!Live && t > To))
            {
                continue;
            }

            var at = series.Count;
            while (at > 0 && series[at - 1].X > t)
            {
                at--;
            }

            if (at > 0 && series[at - 1].X == t)
            {
                continue;
            }

            series.Insert(at, new ChartPoint(t, point.Value));
        }
    }

    private int IndexOf(string metric)
    {
        for (var i = 0; i < Metrics.Count; i++)
        {
            if (Metrics[i] == metric)
            {
                return i;
            }
        }

        return -1;
    }

    private ApexChartOptions BuildOptions()
    {
        var (yMin, yMax) = YRange() is var (min, max) ? (min, max) : ((double?)null, (double?)null);
        return new ApexChartOptions
        {
            Chart = new ApexChartSettings
            {
                Type = ApexChartType.Line,
                // Appends should land without the whole line re-animating; a still chart also screenshots as it is.
                Animations = new AnimationOptions { Enabled = false },
                Toolbar = new ToolbarOptions { Show = true },
                Zoom = new ZoomOptions { Enabled = true, Type = ZoomType.X, AutoScaleYAxis = Baselines.Count == 0 },
            },
            // The chart's own lists, not copies: the options are read once, when the chart is created, and each open circuit
            // would otherwise hold every series twice.
            Series = ChartSeriesList(),
            // Every chart of a dashboard shows the same window, so a gap in one series reads as a gap, not as a shifted axis.
            XAxis = XAxis(From, To),
            YAxis = YAxis(yMin, yMax),
            Stroke = new StrokeOptions { Curve = CurveType.Straight, Width = 2 },
            Markers = new MarkersOptions { Size = pointCount <= MarkerLimit ? 3 : 0 },
            Tooltip = new TooltipOptions { Shared = true, X = new TooltipX { Formatter = ChartFormatters.LocalDateTime } },
            // Below the plot: at the top it collides with the zoom toolbar on a phone.
            Legend = new LegendOptions { Show = Metrics.Count > 1, Position = LegendPosition.Bottom },
            Annotations = Baselines.Count == 0 ? null : new AnnotationsOptions
            {
                YAxis = [.. Baselines.Select(b => new YAxisAnnotation
                {
                    Y = b.Value,
                    BorderColor = BaselineColor,
                    StrokeDashArray = 6,
                    Label = new AnnotationLabel { Text = b.Label, BorderColor = BaselineColor },
                })],
            },
        };
    }

    // The series around the chart's own point lists, in legend order.
    private List<ChartSeries> ChartSeriesList() => [.. Metrics.Select((m, i) => new ChartSeries { Name = MetricDisplay.Label(m), Data = data[i] })];

    private static XAxisOptions XAxis(DateTimeOffset from, DateTimeOffset to) => new()
    {
        Type = AxisType.DateTime,
        Min = from,
        Max = to,
        Labels = to - from <= TimeSpan.FromDays(1)
            ? new XAxisLabels { Formatter = ChartFormatters.LocalTime }
            : new XAxisLabels { DatetimeUtc = false },
    };

    private YAxisOptions YAxis(double? min, double? max) => new()
    {
        Min = min,
        Max = max,
        Labels = new YAxisLabels { Formatter = MetricDisplay.AxisFormatter(Metrics.Count > 0 ? Metrics[0] : string.Empty) },
    };

    // ApexCharts scales the axis to the data only, so a baseline away from the data would be drawn off the chart.
    // With a baseline the axis is set to cover both, with a little room above and below. Live points that fall outside
    // widen it in the browser by the same rule (widenedY in ApexChart.razor.js).
    private (double Min, double Max)? YRange()
    {
        if (Baselines.Count == 0 || pointCount == 0)
        {
            return null;
        }

        var values = data.SelectMany(series => series).Select(p => p.Y).OfType<double>().ToList();
        var min = Math.Min(Baselines.Min(b => b.Value), values.Count == 0 ? double.PositiveInfinity : values.Min());
        var max = Math.Max(Baselines.Max(b => b.Value), values.Count == 0 ? double.NegativeInfinity : values.Max());
        var pad = max > min ? (max - min) * 0.1 : Math.Max(Math.Abs(max) * 0.05, 0.01);
        return (min - pad, max + pad);
    }

    public async ValueTask DisposeAsync()
    {
        // Ends the hold, and with it the socket's following of this chart.
        handoff?.Dispose();
        self?.Dispose();
        if (module is not null)
        {
            try
            {
                await module.InvokeVoidAsync("unfollow", chart?.ChartId);
                await module.DisposeAsync();
            }
            catch (Exception ex) when (ex is JSDisconnectedException or OperationCanceledException or ObjectDisposedException)
            {
                // The tab is gone, and the module with it.
            }
        }
    }
}
