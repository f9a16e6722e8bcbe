namespace MlOpsPortal.Features.Quality.Statistics;

/// <summary>First Wasserstein distance between two empirical distributions (scipy.stats.wasserstein_distance).</summary>
public static class Wasserstein
{
    /// <summary>Floor for the reference spread, so a constant reference does not divide by zero (Evidently's rule).</summary>
    public const double MinimumStandardDeviation = 0.001;

    /// <summary>∫ |F₁ − F₂| over the merged sorted values; both spans sorted and finite.</summary>
    public static double Distance(ReadOnlySpan<double> sortedReference, ReadOnlySpan<double> sortedCurrent)
    {
        int n1 = sortedReference.Length, n2 = sortedCurrent.Length;
        if (n1 == 0 || n2 == 0)
        {
            throw new ArgumentException("Both samples must hold at least one value.");
        }

        // Neumaier-compensated: millions of positive terms would otherwise drift by ~1e-10.
        double sum = 0, compensation = 0;
        int i = 0, j = 0;
        var value = Math.Min(sortedReference[0], sortedCurrent[0]);
        while (true)
        {
            while (i < n1 && sortedReference[i] <= value)
            {
                i++;
            }

            while (j < n2 && sortedCurrent[j] <= value)
            {
                j++;
            }

            if (i == n1 && j == n2)
            {
                break;
            }

            var next = j >= n2 || (i < n1 && sortedReference[i] <= sortedCurrent[j]) ? sortedReference[i] : sortedCurrent[j];
            var term = Math.Abs(((double)i / n1) - ((double)j / n2)) * (next - value);
            var t = sum + term;
            compensation += Math.Abs(sum) >= Math.Abs(term) ? (sum - t) + term : (term - t) + sum;
            sum = t;
            value = next;
        }

        return sum + compensation;
    }

    /// <summary>W1 divided by max(population std of the reference, 0.001).</summary>
    public static double Normalized(NumericSample reference, NumericSample current)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        return Distance(reference.Sorted, current.Sorted) / Math.Max(reference.PopulationStandardDeviation(), MinimumStandardDeviation);
    }

    /// <summary>Normalised W1 on unsorted values (NaN and infinities dropped).</summary>
    public static double Normalized(ReadOnlySpan<double> reference, ReadOnlySpan<double> current) =>
        Normalized(NumericSample.Create(reference), NumericSample.Create(current));
}
