namespace MlOpsPortal.Features.Quality.Statistics;

/// <summary>
/// Log-gamma and the regularized incomplete gamma function. .NET has neither, and chi-square p-values
/// as small as 1e-32 must keep their relative accuracy, so the upper tail is computed directly
/// (continued fraction) rather than as 1 − P.
/// </summary>
public static class GammaFunctions
{
    private const double HalfLogTwoPi = 0.91893853320467274178032973640561764;
    private const int MaxIterations = 100_000;

    // B_2j / (2j (2j − 1)) for j = 8 … 1, highest power of 1/x² first.
    private static readonly double[] StirlingCoefficients =
    [
        -2.955065359477124183e-2, 6.4102564102564102564e-3,
        -1.9175269175269175269e-3, 8.4175084175084175084e-4,
        -5.952380952380952381e-4, 7.9365079365079365079e-4,
        -2.7777777777777777778e-3, 8.3333333333333333333e-2,
    ];

    /// <summary>ln Γ(x) for x &gt; 0; the Stirling series is accurate to about 1e-16 from x = 7 up.</summary>
    public static double LogGamma(double x)
    {
        if (!(x > 0) || double.IsPositiveInfinity(x))
        {
            return double.NaN;
        }

        var shift = 1.0;
        while (x < 7)
        {
            shift *= x;
            x += 1;
        }

        var r = 1.0 / x;
        var r2 = r * r;
        var series = 0.0;
        foreach (var c in StirlingCoefficients)
        {
            series = (series * r2) + c;
        }

        return ((x - 0.5) * Math.Log(x)) - x + HalfLogTwoPi + (r * series) - Math.Log(shift);
    }

    /// <summary>ln(n!) for n ≥ 0.</summary>
    public static double LogFactorial(int n) => n < 2 ? 0.0 : LogGamma(n + 1.0);

    /// <summary>Q(a, x) = Γ(a, x) / Γ(a), the regularized upper incomplete gamma function.</summary>
    public static double UpperRegularizedGamma(double a, double x)
    {
        if (!(a > 0) || double.IsNaN(x) || x < 0)
        {
            return double.NaN;
        }

        if (x == 0)
        {
            return 1.0;
        }

        if (double.IsPositiveInfinity(x))
        {
            return 0.0;
        }

        if (x < a + 1)
        {
            // Below the mode Q is not small, so 1 − P loses nothing that matters.
            return Math.Clamp(1.0 - LowerSeries(a, x), 0.0, 1.0);
        }

        return Math.Clamp(UpperContinuedFraction(a, x), 0.0, 1.0);
    }

    /// <summary>P(a, x) = γ(a, x) / Γ(a), the regularized lower incomplete gamma function.</summary>
    public static double LowerRegularizedGamma(double a, double x)
    {
        if (!(a > 0) || double.IsNaN(x) || x < 0)
        {
            return double.NaN;
        }

        if (x == 0)
        {
            return 0.0;
        }

        return x < a + 1 ? Math.Clamp(LowerSeries(a, x), 0.0, 1.0) : Math.Clamp(1.0 - UpperContinuedFraction(a, x), 0.0, 1.0);
    }

    /// <summary>Survival function of the chi-square distribution: Q(dof / 2, x / 2).</summary>
    public static double ChiSquareSurvival(double x, int degreesOfFreedom)
    {
        if (degreesOfFreedom <= 0 || double.IsNaN(x))
        {
            return double.NaN;
        }

        return x <= 0 ? 1.0 : UpperRegularizedGamma(degreesOfFreedom / 2.0, x / 2.0);
    }

    private static double LogPrefactor(double a, double x) => (a * Math.Log(x)) - x - LogGamma(a);

    private static double LowerSeries(double a, double x)
    {
        var term = 1.0 / a;
        var sum = term;
        var ap = a;
        for (var i = 0; i < MaxIterations; i++)
        {
            ap += 1;
            term *= x / ap;
            sum += term;
            if (Math.Abs(term) < Math.Abs(sum) * 1e-17)
            {
                break;
            }
        }

        return sum * Math.Exp(LogPrefactor(a, x));
    }

    // Modified Lentz evaluation of the continued fraction for Γ(a, x); every partial result keeps full
    // relative precision, which is why tiny tails survive.
    private static double UpperContinuedFraction(double a, double x)
    {
        const double Tiny = 1e-300;
        var b = x + 1 - a;
        var c = 1 / Tiny;
        var d = 1 / b;
        var h = d;
        for (var i = 1; i < MaxIterations; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = (an * d) + b;
            if (Math.Abs(d) < Tiny)
            {
                d = Tiny;
            }

            c = b + (an / c);
            if (Math.Abs(c) < Tiny)
            {
                c = Tiny;
            }

            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
            {
                break;
            }
        }

        return Math.Exp(LogPrefactor(a, x)) * h;
    }
}
