using Microsoft.AspNetCore.Components;
using MlOpsPortal.Components.Charts;
using MlOpsPortal.Components.Layout;

namespace MlOpsPortal.Features.Monitoring;

public sealed record SystemMeasure(string Name, Func<SystemMetricSample, double> Value);

public sealed partial class SystemMetricChart
{
    private ApexChart? chart;
    private ApexChartOptions options = new();

    [Parameter, EditorRequired]
    public string Title { get; set; } = string.Empty;

    [Parameter, EditorRequired]
    public string Unit { get; set; } = string.Empty;

    [Parameter, EditorRequired]
    public IReadOnlyList<SystemMeasure> Measures { get; set; } = [];

    [Parameter, EditorRequired]
    public IReadOnlyList<SystemMetricSample> Samples { get; set; } = [];

    [Parameter]
    public double? Max { get; set; }

    [Parameter]
    public string? TestId { get; set; }

    [CascadingParameter(Name = PortalTheme.DarkModeCascade)]
    private bool DarkMode { get; set; }

    protected override void OnInitialized() => options = new ApexChartOptions
    {
        Chart = new ApexChartSettings
        {
            Type = ApexChartType.Area,
            Height = 240,
            // One point a minute needs no motion; a still chart reads better and screenshots as it is.
            Animations = new AnimationOptions { Enabled = false },
            Toolbar = new ToolbarOptions { Show = false },
            Zoom = new ZoomOptions { Enabled = true, Type = ZoomType.X },
        },
        Series = [.. Measures.Select(m => new ChartSeries { Name = m.Name, Data = [.. Samples.Select(s => Point(s, m))] })],
        // A scrolling one-hour window: the axis shows the hour even while only a few samples exist.
        XAxis = new XAxisOptions { Type = AxisType.DateTime, Range = TimeSpan.FromHours(1), Labels = new XAxisLabels { Formatter = ChartFormatters.LocalTime } },
        YAxis = new YAxisOptions { Min = 0, Max = Max, Labels = new YAxisLabels { Formatter = ChartFormatters.Fixed1 } },
        Stroke = new StrokeOptions { Curve = CurveType.Smooth, Width = 2 },
        Markers = new MarkersOptions { Size = 3 },
        Tooltip = new TooltipOptions { X = new TooltipX { Formatter = ChartFormatters.LocalDateTime } },
        Legend = new LegendOptions { Show = Measures.Count > 1 },
        NoData = new NoDataOptions { Text = "Waiting for the first sample…" },
    };

    /// <summary>Adds one new sample to every series of the chart.</summary>
    public Task AppendAsync(SystemMetricSample sample) =>
        chart is null
            ? Task.CompletedTask
            : chart.AppendDataAsync([.. Measures.Select(m => (IReadOnlyList<ChartPoint>)[Point(sample, m)])]);

    private static ChartPoint Point(SystemMetricSample sample, SystemMeasure measure) =>
        new(new DateTimeOffset(sample.MinuteUtc), measure.Value(sample));
}
