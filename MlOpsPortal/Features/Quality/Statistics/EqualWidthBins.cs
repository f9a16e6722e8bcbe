namespace MlOpsPortal.Features.Quality.Statistics;

/// <summary>
/// Equal-width bins over the combined range, as numpy.histogram_bin_edges(bins=10) builds them and
/// numpy.histogram fills them: every bin half-open except the last, which is closed.
/// </summary>
public static class EqualWidthBins
{
    /// <summary>Evidently's bin count for PSI and Jensen–Shannon.</summary>
    public const int DefaultBinCount = 10;

    /// <summary>
    /// numpy.linspace(min, max, bins + 1): edge i is i·step + min and the last edge is max exactly; when
    /// min == max NumPy widens the range to min − 0.5 … max + 0.5.
    /// </summary>
    public static double[] Edges(double min, double max, int binCount = DefaultBinCount)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || min > max)
        {
            throw new ArgumentException("The range must be finite with min ≤ max.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(binCount, 1);
        if (min == max)
        {
            min -= 0.5;
            max += 0.5;
        }

        var edges = new double[binCount + 1];
        var delta = max - min;
        var step = delta / binCount;
        for (var i = 0; i <= binCount; i++)
        {
            // NumPy's fallback when the step underflows to zero (denormal ranges).
            edges[i] = (step == 0 ? i / (double)binCount * delta : i * step) + min;
        }

        edges[binCount] = max;
        return edges;
    }

    /// <summary>Edges over the combined range of two non-empty samples.</summary>
    public static double[] Edges(NumericSample reference, NumericSample current, int binCount = DefaultBinCount)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        if (reference.Count == 0 && current.Count == 0)
        {
            throw new ArgumentException("At least one sample must hold a value.");
        }

        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        foreach (var sample in (ReadOnlySpan<NumericSample>)[reference, current])
        {
            if (sample.Count > 0)
            {
                min = Math.Min(min, sample.Sorted[0]);
                max = Math.Max(max, sample.Sorted[^1]);
            }
        }

        return Edges(min, max, binCount);
    }

    /// <summary>
    /// Counts per bin for unsorted values exactly as numpy.histogram assigns them: the index from the
    /// scaled offset, then corrected by one against the edges themselves, so a value lying on an edge goes
    /// to the bin that starts there, and the maximum to the last bin. Values outside the edges are ignored.
    /// </summary>
    public static long[] Count(ReadOnlySpan<double> values, IReadOnlyList<double> edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        var binCount = edges.Count - 1;
        var counts = new long[binCount];
        double first = edges[0], last = edges[binCount];
        var norm = binCount / (last - first);
        foreach (var value in values)
        {
            if (!(value >= first && value <= last))
            {
                continue;
            }

            var index = (int)((value - first) * norm);
            if (index == binCount)
            {
                index--;
            }

            if (value < edges[index])
            {
                index--;
            }
            else if (index != binCount - 1 && value >= edges[index + 1])
            {
                index++;
            }

            counts[index]++;
        }

        return counts;
    }

    /// <summary>The same assignment for sorted values, by binary search of each edge.</summary>
    public static long[] CountSorted(ReadOnlySpan<double> sortedValues, IReadOnlyList<double> edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        var binCount = edges.Count - 1;
        var counts = new long[binCount];
        var start = LowerBound(sortedValues, edges[0]);
        var end = UpperBound(sortedValues, edges[binCount]);
        for (var b = 0; b < binCount; b++)
        {
            var next = b == binCount - 1 ? end : Math.Max(start, LowerBound(sortedValues, edges[b + 1]));
            counts[b] = next - start;
            start = next;
        }

        return counts;
    }

    /// <summary>Counts divided by the sample size (all zero for an empty sample).</summary>
    public static double[] Shares(IReadOnlyList<long> counts, long total)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var shares = new double[counts.Count];
        if (total <= 0)
        {
            return shares;
        }

        for (var i = 0; i < shares.Length; i++)
        {
            shares[i] = (double)counts[i] / total;
        }

        return shares;
    }

    private static int LowerBound(ReadOnlySpan<double> sorted, double value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var mid = (int)((uint)(low + high) >> 1);
            if (sorted[mid] < value)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private static int UpperBound(ReadOnlySpan<double> sorted, double value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var mid = (int)((uint)(low + high) >> 1);
            if (sorted[mid] <= value)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
