using System.Globalization;
using MlOpsPortal.Features.Usage;

namespace MlOpsPortal.Features.Reports;

/// <summary>The order statistics reports quote, defined once so every report and its definitions page agree.</summary>
public static class ReportStatistics
{
    /// <summary>The middle value, or the mean of the two middle values; null over none.</summary>
    public static double? Median(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>Nearest rank: the ⌈0.9·n⌉-th smallest value; null over none.</summary>
    public static double? P90(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        return sorted[(int)Math.Ceiling(0.9 * sorted.Count) - 1];
    }

    /// <summary>
    /// The 95th percentile of latency counts kept by bucket (subject = the bucket's upper bound in ms): the bound of the
    /// first bucket at which the cumulative count reaches 95 % of the total. Null without counts.
    /// </summary>
    public static double? LatencyP95(IEnumerable<UsageCount> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var buckets = counts.GroupBy(c => double.Parse(c.Subject, CultureInfo.InvariantCulture)).Select(g => (Bound: g.Key, Count: g.Sum(c => c.Count)))
            .OrderBy(b => b.Bound).ToList();
        var total = buckets.Sum(b => b.Count);
        if (total == 0)
        {
            return null;
        }

        long cumulative = 0;
        foreach (var (bound, count) in buckets)
        {
            cumulative += count;
            if (cumulative * 100 >= total * 95)
            {
                return bound;
            }
        }

        return buckets[^1].Bound;
    }
}
