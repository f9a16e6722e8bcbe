namespace MlOpsPortal.Features.Quality.Statistics;

/// <summary>
/// The one-sided Kolmogorov–Smirnov statistic D⁺ₙ (scipy.special.smirnov): the Birnbaum–Tingey sum,
/// with the special cases SciPy's cephes code takes so tail probabilities match it.
/// </summary>
public static class SmirnovDistribution
{
    // cephes MINLOG: below it exp() underflows and SciPy returns 0.
    private const double MinLog = -7.08396418532264106224e2;
    private const int MaxComputeN = 1_000_000;

    /// <summary>Pr(D⁺ₙ ≥ x).</summary>
    public static double Sf(int n, double x)
    {
        if (!(n > 0 && x >= 0.0 && x <= 1.0))
        {
            return double.NaN;
        }

        if (n == 1)
        {
            return 1 - x;
        }

        if (x == 0.0)
        {
            return 1.0;
        }

        if (x == 1.0)
        {
            return 0.0;
        }

        // n·x split into an exact floor and fractional part: FMA recovers the rounding error of the product.
        var nx = n * x;
        var nxLow = Math.FusedMultiplyAdd(n, x, -nx);
        var floor = Math.Floor(nx);
        var alpha = (nx - floor) + nxLow;
        if (alpha < 0)
        {
            floor -= 1;
            alpha += 1;
        }

        if (alpha >= 1)
        {
            floor += 1;
            alpha = 0;
        }

        var nxFloor = (int)floor;
        var lastTerm = n - nxFloor - (alpha == 0 ? 0 : 1);
        if (alpha == 0)
        {
            lastTerm -= 1;
        }

        if (nxFloor == 0 || (nxFloor == 1 && alpha == 0))
        {
            var cdf = x * Math.Pow(1 + x, n - 1);
            return Math.Clamp(1 - cdf, 0, 1);
        }

        if (-2 * n * x * x < MinLog)
        {
            return 0.0;
        }

        if (nxFloor >= n - 1)
        {
            return Math.Clamp(Math.Pow(1 - x, n), 0, 1);
        }

        if (n > MaxComputeN)
        {
            var logp = -Math.Pow((6.0 * n * x) + 1, 2) / 18.0 / n;
            return Math.Clamp(Math.Exp(logp), 0, 1);
        }

        return Math.Clamp(LowerSum(n, x, nx, nxLow, lastTerm), 0, 1);
    }

    // x · Σ_{v=0}^{lastTerm} C(n,v) (x + v/n)^(v−1) (1 − x − v/n)^(n−v), every term positive, summed in
    // log space so that neither the binomials nor the powers overflow or underflow for large n.
    private static double LowerSum(int n, double x, double nx, double nxLow, int lastTerm)
    {
        var logN = Math.Log(n);
        var logNFactorial = GammaFunctions.LogFactorial(n);
        var nTerms = lastTerm + 1;
        var logEpsilon = Math.Log(2.220446049250313e-16);
        var maxLog = double.NegativeInfinity;
        var scaled = 0.0;
        for (var v = 0; v < nTerms; v++)
        {
            var upper = (v + nx) + nxLow;
            var lower = ((n - v) - nx) - nxLow;
            if (lower <= 0)
            {
                break;
            }

            var logTerm = logNFactorial - GammaFunctions.LogFactorial(v) - GammaFunctions.LogFactorial(n - v)
                + ((v - 1) * (Math.Log(upper) - logN))
                + ((n - v) * (Math.Log(lower) - logN));

            if (logTerm > maxLog)
            {
                scaled = (scaled * Math.Exp(maxLog - logTerm)) + 1.0;
                maxLog = logTerm;
            }
            else
            {
                scaled += Math.Exp(logTerm - maxLog);
            }

            // SciPy stops once the remaining terms cannot move the sum by an ulp.
            if (v > 0 && v != nTerms - 1
                && Math.Log(4.0 * (nTerms - v)) + logTerm < logEpsilon + maxLog + Math.Log(scaled))
            {
                break;
            }
        }

        return Math.Exp(Math.Log(x) + maxLog + Math.Log(scaled));
    }
}
