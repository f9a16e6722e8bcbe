namespace MlOpsPortal.Features.Quality.Statistics;

/// <summary>Pearson chi-square test outcome for a 2×K table.</summary>
public sealed record ChiSquareResult(double Statistic, double PValue, int DegreesOfFreedom);

/// <summary>
/// Chi-square test of homogeneity on the 2×K table of reference and current counts, no continuity correction
/// (scipy.stats.chi2_contingency(correction=False)).
/// </summary>
public static class ChiSquareHomogeneity
{
    /// <summary>
    /// Categories empty in both rows are dropped (their expected count is 0). Null when fewer than two
    /// categories remain or a row is empty: the test is then undefined.
    /// </summary>
    public static ChiSquareResult? Test(IReadOnlyList<long> referenceCounts, IReadOnlyList<long> currentCounts)
    {
        ArgumentNullException.ThrowIfNull(referenceCounts);
        ArgumentNullException.ThrowIfNull(currentCounts);
        if (referenceCounts.Count != currentCounts.Count)
        {
            throw new ArgumentException("Both rows must have one count per category.");
        }

        long referenceTotal = 0, currentTotal = 0;
        var categories = 0;
        for (var k = 0; k < referenceCounts.Count; k++)
        {
            if (referenceCounts[k] < 0 || currentCounts[k] < 0)
            {
                throw new ArgumentException("Counts cannot be negative.");
            }

            referenceTotal += referenceCounts[k];
            currentTotal += currentCounts[k];
            if (referenceCounts[k] + currentCounts[k] > 0)
            {
                categories++;
            }
        }

        if (categories < 2 || referenceTotal == 0 || currentTotal == 0)
        {
            return null;
        }

        double total = referenceTotal + currentTotal;
        var statistic = 0.0;
        for (var k = 0; k < referenceCounts.Count; k++)
        {
            double column = referenceCounts[k] + currentCounts[k];
            if (column == 0)
            {
                continue;
            }

            var expectedReference = referenceTotal * column / total;
            var expectedCurrent = currentTotal * column / total;
            var dr = referenceCounts[k] - expectedReference;
            var dc = currentCounts[k] - expectedCurrent;
            statistic += (dr * dr / expectedReference) + (dc * dc / expectedCurrent);
        }

        var dof = categories - 1;
        return new ChiSquareResult(statistic, GammaFunctions.ChiSquareSurvival(statistic, dof), dof);
    }
}
