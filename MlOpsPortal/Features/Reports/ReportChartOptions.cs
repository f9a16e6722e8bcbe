using MlOpsPortal.Components.Charts;

namespace MlOpsPortal.Features.Reports;

/// <summary>A report's chart as ApexCharts options: categories along the x axis, one series per <see cref="ReportSeries"/>.</summary>
public static class ReportChartOptions
{
    public static ApexChartOptions For(ReportChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var line = chart.Kind == ReportChartKind.Line;
        // Whole numbers (counts) get whole-number labels; anything else one decimal.
        var formatter = chart.Series.SelectMany(s => s.Values).All(v => v == Math.Floor(v)) ? ChartFormatters.Fixed0 : ChartFormatters.Fixed1;
        return new ApexChartOptions
        {
            Chart = new ApexChartSettings
            {
                Type = line ? ApexChartType.Line : ApexChartType.Bar,
                Stacked = chart.Kind == ReportChartKind.StackedBar ? true : null,
                Toolbar = new ToolbarOptions { Show = false },
                Zoom = new ZoomOptions { Enabled = false },
            },
            Series = [.. chart.Series.Select((s, i) => new ChartSeries { Name = s.Name, Color = ReportSeriesColors.For(s.Name, i), Values = [.. s.Values.Select(v => (double?)v)] })],
            XAxis = new XAxisOptions { Type = AxisType.Category, Categories = [.. chart.Categories] },
            YAxis = new YAxisOptions { Min = 0, Title = new AxisTitle { Text = chart.Unit }, Labels = new YAxisLabels { Formatter = formatter } },
            // ApexCharts refuses a shared tooltip on bars, whose tooltip belongs to the bar under the pointer.
            Tooltip = new TooltipOptions { Shared = line ? true : null, Y = new TooltipY { Formatter = formatter } },
            DataLabels = new DataLabelsOptions { Enabled = false },
            Stroke = line ? new StrokeOptions { Width = 2 } : null,
            Markers = line ? new MarkersOptions { Size = 3 } : null,
            Legend = new LegendOptions { Position = LegendPosition.Top, Show = chart.Series.Count > 1 },
            NoData = new NoDataOptions { Text = "No data in this period" },
        };
    }
}
