using MlOpsPortal.Features.Usage;
using static MlOpsPortal.Features.Reports.ReportPhrases;

namespace MlOpsPortal.Features.Reports;

/// <summary>The usage report's "Feature use": page views per feature, their share and trend, and a weekly chart.</summary>
internal static class UsageFeatureSection
{
    /// <summary>Features drawn on their own in the weekly chart; the rest are stacked as one.</summary>
    public const int ChartedFeatures = 7;

    public static ReportSection Build(UsageDays days, IReadOnlyList<UsageCount> counts)
    {
        var views = counts.Where(c => c.Kind == UsageKinds.PageView).ToList();
        var total = views.Sum(v => v.Count);
        var half = days.Count / 2;
        var firstHalfEnd = days.First.AddDays(half - 1);
        var secondHalfStart = days.Last.AddDays(1 - half);
        var features = views.GroupBy(v => v.Subject, StringComparer.Ordinal)
            .Select(g => new Feature(g.Key, g.Sum(v => v.Count), half == 0 ? 0 : g.Where(v => v.Day <= firstHalfEnd).Sum(v => v.Count),
                half == 0 ? 0 : g.Where(v => v.Day >= secondHalfStart).Sum(v => v.Count)))
            .OrderByDescending(f => f.Views).ThenBy(f => f.Name, StringComparer.Ordinal).ToList();
        var overall = new Feature("all", total, features.Sum(f => f.FirstHalf), features.Sum(f => f.SecondHalf));

        var weeks = Enumerable.Range(0, (days.Count + 6) / 7).Select(w => days.First.AddDays(7 * w)).ToList();
        var charted = features.Take(ChartedFeatures).Select(f => f.Name).ToList();
        var series = charted.Select(name => new ReportSeries(name, Weekly(weeks, views.Where(v => v.Subject == name)))).ToList();
        if (features.Count > ChartedFeatures)
        {
            series.Add(new ReportSeries("other features", Weekly(weeks, views.Where(v => !charted.Contains(v.Subject)))));
        }

        string lead;
        if (total == 0)
        {
            lead = $"No pages were viewed in these {days.Words}.";
        }
        else
        {
            var top = features[0];
            lead = $"People viewed {Plural((int)total, "page", "pages")} in these {days.Words}; {top.Name} was used most ({Percent((double)top.Views / total)} of views)."
                + overall.Trend switch
                {
                    null => string.Empty,
                    > 0 and var t => $" Use rose {Percent(t)} from the first half of the period to the second.",
                    < 0 and var t => $" Use fell {Percent(-t)} from the first half of the period to the second.",
                    _ => " Use held steady from the first half of the period to the second.",
                };
        }

        return new ReportSection("feature-use", "Feature use", lead,
            [
                new ReportFigure("Page views", total, Count(total)),
                Figure("Features used", features.Count),
                new ReportFigure("Trend (second half vs first)", overall.Trend, overall.TrendText),
            ],
            [new ReportChart("Page views per week by feature", ReportChartKind.StackedBar, "page views", [.. weeks.Select(Day)], series)],
            [
                new ReportTable("feature-use", "Page views by feature", [Text("Feature"), Counted("Views"), Share("Share"), Share("Trend")],
                    [.. features.Select(f => Row(ReportCell.Of(f.Name), ReportCell.Of(f.Views), ReportCell.Of((double)f.Views / total), f.TrendCell))],
                    "No pages were viewed."),
            ]);
    }

    private static double[] Weekly(List<DateOnly> weeks, IEnumerable<UsageCount> views)
    {
        var values = new double[weeks.Count];
        foreach (var view in views)
        {
            values[(view.Day.DayNumber - weeks[0].DayNumber) / 7] += view.Count;
        }

        return values;
    }

    private sealed record Feature(string Name, long Views, long FirstHalf, long SecondHalf)
    {
        /// <summary>Change from the first half to the second; null when the first half had none.</summary>
        public double? Trend => FirstHalf == 0 ? null : (double)(SecondHalf - FirstHalf) / FirstHalf;

        public string TrendText => Trend is { } t ? (t > 0 ? "+" : string.Empty) + Percent(t) : SecondHalf > 0 ? "new" : "–";

        public ReportCell TrendCell => Trend is { } t ? ReportCell.Of(t) : ReportCell.Of(SecondHalf > 0 ? "new" : null);
    }
}
