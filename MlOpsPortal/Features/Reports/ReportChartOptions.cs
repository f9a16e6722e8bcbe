using MlOpsPortal.Components.Charts;

namespace MlOpsPortal.Features.Reports;

/// <summary>A report's chart as ApexCharts options: categories along the x axis, one series per <see cref="ReportSeries"/>.</summary>
public static class ReportChartOptions
{
    public static ApexChartOptions For(ReportChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var line = chart.Kind == ReportChartKind.Line;
        // Whole numbers (counts) get whole-number labels on whole-number ticks; anything else one decimal.
        var wholeNumbers = chart.Series.SelectMany(s => s.Values).All(v => v == Math.Floor(v));
        var formatter = wholeNumbers ? ChartFormatters.Fixed0 : ChartFormatters.Fixed1;
        var yAxis = new YAxisOptions { Min = 0, Title = new AxisTitle { Text = chart.Unit }, Labels = new YAxisLabels { Formatter = formatter } };
        if (wholeNumbers && HighestBar(chart) is > 0 and var highest)
        {
            // Left to itself ApexCharts puts ticks at 0.2, 0.4, … under a count of 1, and rounded to whole numbers
            // those read 0, 0, 0, 1, 1: a step of 1, 2, 5, 10, 20, … makes every tick a count.
            var step = WholeStep(highest);
            yAxis.Max = Math.Ceiling(highest / step) * step;
            yAxis.TickAmount = (int)(yAxis.Max / step);
        }

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
            YAxis = yAxis,
            // ApexCharts refuses a shared tooltip on bars, whose tooltip belongs to the bar under the pointer.
            Tooltip = new TooltipOptions { Shared = line ? true : null, Y = new TooltipY { Formatter = formatter } },
            DataLabels = new DataLabelsOptions { Enabled = false },
            Stroke = line ? new StrokeOptions { Width = 2 } : null,
            Markers = line ? new MarkersOptions { Size = 3 } : null,
            Legend = new LegendOptions { Position = LegendPosition.Top, Show = chart.Series.Count > 1 },
            NoData = new NoDataOptions { Text = "No data in this period" },
        };
    }

    /// <summary>The tallest bar or highest point: a stacked bar is as tall as its category's values together.</summary>
    private static double HighestBar(ReportChart chart) =>
        chart.Kind == ReportChartKind.StackedBar
            ? Enumerable.Range(0, chart.Categories.Count).Select(i => chart.Series.Sum(s => i < s.Values.Count ? s.Values[i] : 0)).DefaultIfEmpty().Max()
            : chart.Series.SelectMany(s => s.Values).DefaultIfEmpty().Max();

    /// <summary>The smallest of 1, 2, 5, 10, 20, 50, … that divides the axis up to <paramref name="highest"/> into at most five ticks.</summary>
    internal static double WholeStep(double highest)
    {
        for (var magnitude = 1d; ; magnitude *= 10)
        {
            foreach (var step in new[] { magnitude, 2 * magnitude, 5 * magnitude })
            {
                if (highest / step <= 5)
                {
                    return step;
                }
            }
        }
    }
}
