using Microsoft.AspNetCore.Components;
using MlOpsPortal.Components.Charts;

namespace MlOpsPortal.Features.Incidents;

public sealed partial class IncidentsOverviewPage
{
    private static readonly string[] AgeBands = ["< 1 day", "1–3 days", "3–7 days", "≥ 7 days"];

    private int days = MeasurePeriods.DefaultDays;
    private IncidentMetrics? metrics;

    [Inject]
    private IncidentMeasures Measures { get; set; } = default!;

    private IReadOnlyList<DailyMeasures> Daily => metrics?.Daily ?? [];

    private string AttainmentCaption => metrics is null ? string.Empty : string.Join(" · ", metrics.ByPriority.Select(p =>
        $"{p.Priority}: {p.Count} incident{(p.Count == 1 ? "" : "s")}, {p.Breaches} breach{(p.Breaches == 1 ? "" : "es")}"));

    private ApexChartOptions MttrTrend => DayChart(ApexChartType.Line, ChartFormatters.Fixed1,
        new ChartSeries { Name = "MTTR (hours)", Data = [.. Daily.Select(d => Point(d, d.MttrMinutes / 60))] });

    private ApexChartOptions OpenedResolved => DayChart(ApexChartType.Bar, ChartFormatters.Fixed0,
        new ChartSeries { Name = "Opened", Data = [.. Daily.Select(d => Point(d, d.Opened))] },
        new ChartSeries { Name = "Resolved", Data = [.. Daily.Select(d => Point(d, d.Resolved))] });

    private ApexChartOptions AttainmentByPriority => CategoryChart(
        [.. metrics!.ByPriority.Select(p => p.Priority.ToString())], 100, ChartFormatters.Fixed0,
        new ChartSeries { Name = "Response %", Values = [.. metrics.ByPriority.Select(p => p.ResponseAttainmentPercent)] },
        new ChartSeries { Name = "Resolution %", Values = [.. metrics.ByPriority.Select(p => p.ResolutionAttainmentPercent)] });

    private ApexChartOptions BacklogAges
    {
        get
        {
            var backlog = metrics!.BacklogByAge;
            return CategoryChart(AgeBands, null, ChartFormatters.Fixed0, new ChartSeries
            {
                Name = "Open incidents",
                Values = [backlog.UnderOneDay, backlog.OneToThreeDays, backlog.ThreeToSevenDays, backlog.SevenDaysOrMore],
            });
        }
    }

    protected override async Task OnInitializedAsync() => metrics = await Measures.LastDaysAsync(days);

    private async Task ChangePeriodAsync(int value)
    {
        days = value;
        metrics = null;
        metrics = await Measures.LastDaysAsync(days);
    }

    // Noon of the day, so the bar or point sits in the middle of its day on a time axis in any viewer's zone.
    private static ChartPoint Point(DailyMeasures day, double? value) =>
        new(new DateTimeOffset(day.Date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero), value);

    private ApexChartOptions DayChart(ApexChartType type, string valueFormatter, params ChartSeries[] series) => new()
    {
        Chart = new ApexChartSettings { Type = type, Toolbar = new ToolbarOptions { Show = false }, Zoom = new ZoomOptions { Enabled = false } },
        Series = series,
        // The whole period, so a chart whose only points are today's still spans the days before them.
        XAxis = new XAxisOptions
        {
            Type = AxisType.DateTime, Labels = new XAxisLabels { Format = "dd MMM" },
            Min = new DateTimeOffset(metrics!.From.Date, TimeSpan.Zero), Max = new DateTimeOffset(metrics.To.Date.AddDays(1), TimeSpan.Zero),
        },
        YAxis = new YAxisOptions { Min = 0, Labels = new YAxisLabels { Formatter = valueFormatter } },
        // ApexCharts refuses a shared tooltip on bars, whose tooltip belongs to the bar under the pointer.
        Tooltip = new TooltipOptions { Shared = type == ApexChartType.Line ? true : null, X = new TooltipX { Format = "dd MMM yyyy" }, Y = new TooltipY { Formatter = valueFormatter } },
        DataLabels = new DataLabelsOptions { Enabled = false },
        Stroke = type == ApexChartType.Line ? new StrokeOptions { Width = 2 } : null,
        Markers = type == ApexChartType.Line ? new MarkersOptions { Size = 3 } : null,
        Legend = new LegendOptions { Position = LegendPosition.Top },
        NoData = new NoDataOptions { Text = "Nothing resolved in this period" },
    };

    private static ApexChartOptions CategoryChart(IList<string> categories, double? max, string valueFormatter, params ChartSeries[] series) => new()
    {
        Chart = new ApexChartSettings { Type = ApexChartType.Bar, Toolbar = new ToolbarOptions { Show = false }, Zoom = new ZoomOptions { Enabled = false } },
        Series = series,
        XAxis = new XAxisOptions { Type = AxisType.Category, Categories = categories },
        YAxis = new YAxisOptions { Min = 0, Max = max, Labels = new YAxisLabels { Formatter = valueFormatter } },
        Tooltip = new TooltipOptions { Y = new TooltipY { Formatter = valueFormatter } },
        DataLabels = new DataLabelsOptions { Enabled = false },
        Legend = new LegendOptions { Position = LegendPosition.Top, Show = series.Length > 1 },
        NoData = new NoDataOptions { Text = "No data" },
    };
}
