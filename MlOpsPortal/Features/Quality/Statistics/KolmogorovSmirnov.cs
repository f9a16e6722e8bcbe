namespace MlOpsPortal.Features.Quality.Statistics;

/// <summary>
/// Two-sample Kolmogorov–Smirnov test as scipy.stats.ks_2samp (two-sided) computes it. All entry points that
/// take spans expect sorted, finite values; <see cref="NumericSample"/> provides them.
/// </summary>
public static class KolmogorovSmirnov
{
    /// <summary>Largest n·m for which <see cref="Test(NumericSample, NumericSample, long)"/> uses the exact p-value.</summary>
    public const long DefaultExactMaxProduct = 10_000;

    /// <summary>Runs the test on unsorted values (NaN and infinities are dropped).</summary>
    public static KolmogorovSmirnovResult Test(ReadOnlySpan<double> reference, ReadOnlySpan<double> current, long exactMaxProduct = DefaultExactMaxProduct) =>
        Test(NumericSample.Create(reference), NumericSample.Create(current), exactMaxProduct);

    /// <summary>
    /// D with the exact p-value when n·m ≤ <paramref name="exactMaxProduct"/> (falling back to the asymptotic one
    /// if the exact computation fails), otherwise the asymptotic p-value. PValue is null for an empty sample.
    /// </summary>
    public static KolmogorovSmirnovResult Test(NumericSample reference, NumericSample current, long exactMaxProduct = DefaultExactMaxProduct)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        var n1 = reference.Count;
        var n2 = current.Count;
        if (n1 == 0 || n2 == 0)
        {
            return new KolmogorovSmirnovResult(0, null, KsPValueMethod.Asymptotic);
        }

        var d = Statistic(reference.Sorted, current.Sorted);
        if ((long)n1 * n2 <= exactMaxProduct && ExactPValue(d, n1, n2) is { } exact)
        {
            return new KolmogorovSmirnovResult(d, exact, KsPValueMethod.Exact);
        }

        return new KolmogorovSmirnovResult(d, AsymptoticPValue(d, n1, n2), KsPValueMethod.Asymptotic);
    }

    /// <summary>
    /// sup |F₁ − F₂| with both empirical CDFs evaluated at every observed value (searchsorted side='right'),
    /// using the same floating-point divisions as SciPy so D agrees to the last bit.
    /// </summary>
    public static double Statistic(ReadOnlySpan<double> sortedReference, ReadOnlySpan<double> sortedCurrent)
    {
        int n1 = sortedReference.Length, n2 = sortedCurrent.Length;
        if (n1 == 0 || n2 == 0)
        {
            throw new ArgumentException("Both samples must hold at least one value.");
        }

        double maxDiff = double.NegativeInfinity, minDiff = double.PositiveInfinity;
        int i = 0, j = 0;
        while (i < n1 || j < n2)
        {
            var value = j >= n2 || (i < n1 && sortedReference[i] <= sortedCurrent[j]) ? sortedReference[i] : sortedCurrent[j];
            while (i < n1 && sortedReference[i] <= value)
            {
                i++;
            }

            while (j < n2 && sortedCurrent[j] <= value)
            {
                j++;
            }

            var diff = ((double)i / n1) - ((double)j / n2);
            if (diff > maxDiff)
            {
                maxDiff = diff;
            }

            if (diff < minDiff)
            {
                minDiff = diff;
            }
        }

        var minS = Math.Clamp(-minDiff, 0.0, 1.0);
        return minS > maxDiff ? minS : maxDiff;
    }

    /// <summary>
    /// SciPy 1.10's method='asymp' for the two-sided test: kstwo.sf(D, round(m·n/(m+n))) with m ≥ n — the exact
    /// one-sample Kolmogorov distribution at the effective sample size. Null when that size rounds to 0 (1 vs 1).
    /// </summary>
    public static double? AsymptoticPValue(double statistic, int n1, int n2)
    {
        if (n1 <= 0 || n2 <= 0 || double.IsNaN(statistic))
        {
            return null;
        }

        double m = Math.Max(n1, n2), n = Math.Min(n1, n2);
        var effective = Math.Round(m * n / (m + n), MidpointRounding.ToEven);
        if (effective < 1)
        {
            return null;
        }

        var p = KolmogorovDistribution.Sf((int)effective, statistic);
        return double.IsFinite(p) ? Math.Clamp(p, 0.0, 1.0) : null;
    }

    /// <summary>
    /// SciPy's method='exact': the proportion of lattice paths from (0,0) to (n1,n2) that leave the band
    /// |x/n1 − y/n2| &lt; D. Null when the computation is not trustworthy (SciPy then falls back to 'asymp').
    /// </summary>
    public static double? ExactPValue(double statistic, int n1, int n2)
    {
        if (n1 <= 0 || n2 <= 0 || double.IsNaN(statistic))
        {
            return null;
        }

        var g = (int)GreatestCommonDivisor(n1, n2);
        var lcm = (long)(n1 / g) * n2;
        if (lcm >= int.MaxValue)
        {
            return null;
        }

        var h = (long)Math.Round(statistic * lcm, MidpointRounding.ToEven);
        if (h == 0)
        {
            return 1.0;
        }

        var p = n1 == n2 ? ProbabilityOutsideSquare(n1, h) : ProbabilityOutsideBand(n1, n2, g, h);
        return double.IsFinite(p) && p >= 0 && p <= 1 ? p : null;
    }

    private static long GreatestCommonDivisor(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    // n1 == n2: the reflection-principle alternating sum, evaluated Horner-style to avoid cancellation.
    internal static double ProbabilityOutsideSquare(int n, long h)
    {
        var p = 0.0;
        var k = n / h;
        while (k >= 0)
        {
            var term = 1.0;
            for (long j = 0; j < h; j++)
            {
                term = (n - (k * h) - j) * term / (n + (k * h) + j + 1);
            }

            p = term * (1.0 - p);
            k--;
        }

        return 2 * p;
    }

    // Hodges' "inside method" rearranged (Viehmann 2021) to carry 1 − p directly, one column of the lattice
    // at a time in a sliding window.
    internal static double ProbabilityOutsideBand(int m, int n, int g, long h)
    {
        if (m < n)
        {
            (m, n) = (n, m);
        }

        long mg = m / g, ng = n / g;
        long minJ = 0;
        var maxJ = Math.Min((long)Math.Ceiling((double)h / mg), n + 1);
        var currentLength = maxJ - minJ;
        var lengthA = (int)Math.Min((2 * maxJ) + 2, n + 1);
        var a = new double[lengthA];
        Array.Fill(a, 1.0);
        for (var j = minJ; j < maxJ; j++)
        {
            a[j] = 0.0;
        }

        for (long i = 1; i <= m; i++)
        {
            var lastMinJ = minJ;
            var lastLength = currentLength;
            minJ = Math.Max((long)Math.Floor((double)((ng * i) - h) / mg) + 1, 0);
            minJ = Math.Min(minJ, n);
            maxJ = Math.Min((long)Math.Ceiling((double)((ng * i) + h) / mg), n + 1);
            if (maxJ <= minJ)
            {
                return 1.0;
            }

            var value = minJ == 0 ? 0.0 : 1.0;
            for (long jj = 0; jj < maxJ - minJ; jj++)
            {
                var j = jj + minJ;
                value = ((a[jj + minJ - lastMinJ] * i) + (value * j)) / (i + j);
                a[jj] = value;
            }

            currentLength = maxJ - minJ;
            if (lastLength > currentLength)
            {
                for (var x = maxJ - minJ; x < maxJ - minJ + (lastLength - currentLength); x++)
                {
                    a[x] = 1;
                }
            }
        }

        return a[maxJ - minJ - 1];
    }
}
