namespace MlOpsPortal.Features.Quality.Statistics;

/// <summary>
/// One numeric column ready for the drift statistics: finite values sorted once and shared by every statistic
/// (KS, Wasserstein, bins, chi-square on distinct values), plus the counts the drift rules need.
/// </summary>
public sealed class NumericSample
{
    private readonly double[] sorted;

    private NumericSample(double[] sorted, int missing)
    {
        this.sorted = sorted;
        Missing = missing;
        UniqueCount = CountDistinct(sorted);
    }

    /// <summary>Non-missing values.</summary>
    public int Count => sorted.Length;

    /// <summary>Cells that were NaN or infinite, treated as missing.</summary>
    public int Missing { get; }

    /// <summary>Number of distinct non-missing values.</summary>
    public int UniqueCount { get; }

    /// <summary>The non-missing values in ascending order.</summary>
    public ReadOnlySpan<double> Sorted => sorted;

    /// <summary>Copies the finite values and sorts them; NaN and ±∞ count as missing.</summary>
    public static NumericSample Create(ReadOnlySpan<double> values)
    {
        var finite = new double[values.Length];
        var count = 0;
        foreach (var value in values)
        {
            if (double.IsFinite(value))
            {
                finite[count++] = value;
            }
        }

        if (count != finite.Length)
        {
            Array.Resize(ref finite, count);
        }

        Array.Sort(finite);
        return new NumericSample(finite, values.Length - count);
    }

    /// <summary>Population standard deviation (ddof = 0), two-pass as NumPy computes it; 0 for an empty sample.</summary>
    public double PopulationStandardDeviation()
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        var sum = 0.0;
        foreach (var value in sorted)
        {
            sum += value;
        }

        var mean = sum / sorted.Length;
        var squares = 0.0;
        foreach (var value in sorted)
        {
            var deviation = value - mean;
            squares += deviation * deviation;
        }

        return Math.Sqrt(squares / sorted.Length);
    }

    private static int CountDistinct(double[] values)
    {
        if (values.Length == 0)
        {
            return 0;
        }

        var distinct = 1;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] != values[i - 1])
            {
                distinct++;
            }
        }

        return distinct;
    }
}
