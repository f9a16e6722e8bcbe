using System.Globalization;
using PdfSharp.Drawing;

namespace MlOpsPortal.Features.Reports;

/// <summary>
/// Report charts drawn as vector graphics on a PDF page (grouped bars, stacked bars, lines), with a value axis from a
/// round-number scale, gridlines, category labels thinned to fit, a legend and the unit.
/// </summary>
internal static class PdfCharts
{
    public const double Height = 210;

    private const double TitleHeight = 18;
    private const double CategoryLabelHeight = 14;
    private const double LegendLineHeight = 13;
    private const int TargetTicks = 5;
    private const double MaxBarWidth = 40;

    /// <summary>Draws the chart in a block of <see cref="Height"/> at the cursor and moves the cursor below it.</summary>
    public static void Draw(PdfPages pages, ReportChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        pages.Reserve(Height);
        var area = new XRect(PdfPages.Left, pages.Y, pages.Width, Height - 12);
        var style = pages.Style;

        pages.Text(pages.Ellipsize(chart.Title, style.SubHeading, area.Width * 0.7), style.SubHeading, style.Ink, area.Left, area.Top);
        if (chart.Unit.Length > 0)
        {
            pages.TextRight(pages.Ellipsize("Unit: " + chart.Unit, style.Small, area.Width * 0.28), style.Small, style.Muted, area.Right, area.Top + 3);
        }

        var count = chart.Categories.Count;
        var series = chart.Series.Where(s => s.Values.Take(count).Any(double.IsFinite)).ToList();
        var body = new XRect(area.Left, area.Top + TitleHeight, area.Width, area.Height - TitleHeight);
        if (count == 0 || series.Count == 0)
        {
            pages.Graphics.DrawRectangle(style.Grid, body);
            var empty = "No data in this period.";
            pages.Text(empty, style.Note, style.Muted, body.Left + (body.Width - pages.Measure(empty, style.Note)) / 2, body.Top + body.Height / 2 - 6);
            pages.Y += Height;
            return;
        }

        var legend = LegendLayout(pages, series, body.Width);
        var (min, max, step) = Scale(chart.Kind, series, count);
        var tickText = Ticks(min, max, step).Select(TickText).ToList();
        var axisWidth = tickText.Max(t => pages.Measure(t, style.Small)) + 6;
        var plot = new XRect(body.Left + axisWidth, body.Top + 6, body.Width - axisWidth - 4, body.Height - 6 - CategoryLabelHeight - legend.Height);
        double ToY(double value) => plot.Bottom - (value - min) / (max - min) * plot.Height;

        foreach (var tick in Ticks(min, max, step))
        {
            var y = ToY(tick);
            pages.Graphics.DrawLine(style.Grid, plot.Left, y, plot.Right, y);
            pages.TextRight(TickText(tick), style.Small, style.Muted, plot.Left - 4, y - 4);
        }

        var slot = plot.Width / count;
        switch (chart.Kind)
        {
            case ReportChartKind.Line:
                DrawLines(pages, series, count, plot, slot, ToY);
                break;
            case ReportChartKind.StackedBar:
                DrawStacked(pages, series, count, plot, slot, ToY);
                break;
            default:
                DrawGrouped(pages, series, count, plot, slot, ToY);
                break;
        }

        pages.Graphics.DrawLine(style.Axis, plot.Left, ToY(Math.Clamp(0, min, max)), plot.Right, ToY(Math.Clamp(0, min, max)));
        pages.Graphics.DrawLine(style.Axis, plot.Left, plot.Top, plot.Left, plot.Bottom);
        DrawCategories(pages, chart.Categories, plot, slot);
        DrawLegend(pages, series, legend, plot.Bottom + CategoryLabelHeight + 2);
        pages.Y += Height;
    }

    private static void DrawGrouped(PdfPages pages, List<ReportSeries> series, int count, XRect plot, double slot, Func<double, double> toY)
    {
        // Wide slots (few categories) would give slabs rather than bars.
        var bar = Math.Min(slot * 0.76 / series.Count, MaxBarWidth);
        var group = bar * series.Count;
        var zero = toY(0);
        for (var c = 0; c < count; c++)
        {
            for (var s = 0; s < series.Count; s++)
            {
                if (Value(series[s], c) is not { } value)
                {
                    continue;
                }

                var x = plot.Left + c * slot + (slot - group) / 2 + s * bar;
                var y = toY(value);
                pages.Graphics.DrawRectangle(pages.Style.SeriesBrush(series[s].Name, s), x, Math.Min(y, zero), Math.Max(bar - 0.6, 0.4), Math.Abs(zero - y));
            }
        }
    }

    private static void DrawStacked(PdfPages pages, List<ReportSeries> series, int count, XRect plot, double slot, Func<double, double> toY)
    {
        var bar = Math.Min(slot * 0.6, MaxBarWidth * 1.5);
        for (var c = 0; c < count; c++)
        {
            double up = 0, down = 0;
            var x = plot.Left + c * slot + (slot - bar) / 2;
            for (var s = 0; s < series.Count; s++)
            {
                if (Value(series[s], c) is not { } value || value == 0)
                {
                    continue;
                }

                var from = value > 0 ? up : down;
                var to = from + value;
                if (value > 0)
                {
                    up = to;
                }
                else
                {
                    down = to;
                }

                var (top, bottom) = (toY(Math.Max(from, to)), toY(Math.Min(from, to)));
                pages.Graphics.DrawRectangle(pages.Style.SeriesBrush(series[s].Name, s), x, top, bar, bottom - top);
            }
        }
    }

    private static void DrawLines(PdfPages pages, List<ReportSeries> series, int count, XRect plot, double slot, Func<double, double> toY)
    {
        for (var s = 0; s < series.Count; s++)
        {
            // A missing value breaks the line rather than pretending it was zero.
            var run = new List<XPoint>();
            for (var c = 0; c <= count; c++)
            {
                if (c < count && Value(series[s], c) is { } value)
                {
                    run.Add(new XPoint(plot.Left + (c + 0.5) * slot, toY(value)));
                    continue;
                }

                if (run.Count > 1)
                {
                    pages.Graphics.DrawLines(pages.Style.SeriesPen(series[s].Name, s), [.. run]);
                }

                if (count <= 40)
                {
                    foreach (var point in run)
                    {
                        pages.Graphics.DrawEllipse(pages.Style.SeriesBrush(series[s].Name, s), point.X - 1.8, point.Y - 1.8, 3.6, 3.6);
                    }
                }

                run.Clear();
            }
        }
    }

    private static void DrawCategories(PdfPages pages, IReadOnlyList<string> categories, XRect plot, double slot)
    {
        var style = pages.Style;
        var widest = categories.Max(c => pages.Measure(c, style.Small));
        var every = Math.Max(1, (int)Math.Ceiling((Math.Min(widest, 90) + 6) / slot));
        for (var c = 0; c < categories.Count; c += every)
        {
            var room = slot * every - 4;
            var label = pages.Ellipsize(categories[c], style.Small, room);
            var width = pages.Measure(label, style.Small);
            var x = Math.Clamp(plot.Left + (c + 0.5) * slot - width / 2, plot.Left - 4, plot.Right - width);
            pages.Text(label, style.Small, style.Muted, x, plot.Bottom + 3);
        }
    }

    private sealed record Legend(IReadOnlyList<(int Series, double X, int Line)> Items, double Height);

    private static Legend LegendLayout(PdfPages pages, List<ReportSeries> series, double width)
    {
        var items = new List<(int, double, int)>();
        double x = 0;
        var line = 0;
        for (var s = 0; s < series.Count; s++)
        {
            var itemWidth = 12 + Math.Min(pages.Measure(series[s].Name, pages.Style.Small), width / 2) + 14;
            if (x > 0 && x + itemWidth > width)
            {
                (x, line) = (0, line + 1);
            }

            items.Add((s, x, line));
            x += itemWidth;
        }

        return new Legend(items, (line + 1) * LegendLineHeight + 2);
    }

    private static void DrawLegend(PdfPages pages, List<ReportSeries> series, Legend legend, double top)
    {
        var style = pages.Style;
        foreach (var (s, x, line) in legend.Items)
        {
            var y = top + line * LegendLineHeight;
            pages.Graphics.DrawRectangle(style.SeriesBrush(series[s].Name, s), PdfPages.Left + x, y + 1.5, 8, 8);
            pages.Text(pages.Ellipsize(series[s].Name, style.Small, pages.Width / 2), style.Small, style.Ink, PdfPages.Left + x + 12, y + 1);
        }
    }

    private static double? Value(ReportSeries series, int index) =>
        index < series.Values.Count && double.IsFinite(series.Values[index]) ? series.Values[index] : null;

    /// <summary>The value axis: from zero (or the lowest value) to a round number above the highest, in round steps.</summary>
    internal static (double Min, double Max, double Step) Scale(ReportChartKind kind, IReadOnlyList<ReportSeries> series, int count)
    {
        double low = 0, high = 0;
        for (var c = 0; c < count; c++)
        {
            var values = series.Select(s => Value(s, c)).OfType<double>().ToList();
            if (kind == ReportChartKind.StackedBar)
            {
                high = Math.Max(high, values.Where(v => v > 0).Sum());
                low = Math.Min(low, values.Where(v => v < 0).Sum());
            }
            else if (values.Count > 0)
            {
                high = Math.Max(high, values.Max());
                low = Math.Min(low, values.Min());
            }
        }

        if (high - low <= 0)
        {
            high = low + 1;
        }

        var step = NiceStep((high - low) / TargetTicks);
        return (Math.Floor(low / step) * step, Math.Ceiling(high / step) * step, step);
    }

    private static double NiceStep(double rough)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / magnitude;
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    private static IEnumerable<double> Ticks(double min, double max, double step)
    {
        var n = (int)Math.Round((max - min) / step);
        return Enumerable.Range(0, n + 1).Select(i => min + i * step);
    }

    private static string TickText(double value) => value.ToString("#,##0.###", CultureInfo.InvariantCulture);
}
