namespace MlOpsPortal.Features.Quality.Statistics;

/// <summary>PSI and Jensen–Shannon distance between two share vectors (bins or categories, same order).</summary>
public static class DistributionDistances
{
    /// <summary>Evidently's stand-in for an empty share, so ln(r / c) stays finite.</summary>
    public const double PsiZeroShare = 0.0001;

    /// <summary>Σ (r − c)·ln(r / c) with zero shares replaced by 0.0001.</summary>
    public static double PopulationStabilityIndex(IReadOnlyList<double> referenceShares, IReadOnlyList<double> currentShares)
    {
        ArgumentNullException.ThrowIfNull(referenceShares);
        ArgumentNullException.ThrowIfNull(currentShares);
        RequireSameLength(referenceShares, currentShares);
        var psi = 0.0;
        for (var i = 0; i < referenceShares.Count; i++)
        {
            var r = referenceShares[i] == 0 ? PsiZeroShare : referenceShares[i];
            var c = currentShares[i] == 0 ? PsiZeroShare : currentShares[i];
            psi += (r - c) * Math.Log(r / c);
        }

        return psi;
    }

    /// <summary>
    /// scipy.spatial.distance.jensenshannon(p, q) with the natural log: both vectors normalised to sum 1, zeros
    /// kept (0·ln 0 = 0), the square root of the divergence. Null when either vector sums to zero.
    /// </summary>
    public static double? JensenShannon(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        RequireSameLength(p, q);
        double sumP = 0, sumQ = 0;
        for (var i = 0; i < p.Count; i++)
        {
            sumP += p[i];
            sumQ += q[i];
        }

        if (!(sumP > 0) || !(sumQ > 0))
        {
            return null;
        }

        double left = 0, right = 0;
        for (var i = 0; i < p.Count; i++)
        {
            var pi = p[i] / sumP;
            var qi = q[i] / sumQ;
            var m = (pi + qi) / 2.0;
            left += RelativeEntropy(pi, m);
            right += RelativeEntropy(qi, m);
        }

        // Rounding can leave a divergence of −1e-17 for identical vectors.
        return Math.Sqrt(Math.Max(left + right, 0) / 2.0);
    }

    private static double RelativeEntropy(double x, double y) => x == 0 ? 0 : x * Math.Log(x / y);

    private static void RequireSameLength(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count != b.Count)
        {
            throw new ArgumentException("Both share vectors must have the same length.");
        }
    }
}
