namespace MlOpsPortal.Features.Quality.Statistics;

/// <summary>
/// Distribution of the two-sided one-sample Kolmogorov statistic Dₙ (scipy.stats.kstwo). The method is chosen
/// by n and x as Simard and L'Ecuyer (2011) recommend and SciPy 1.10 does — Durbin's matrix, Pomeranz's
/// recursion, the Pelz–Good expansion or twice the one-sided tail — so two-sample "asymp" p-values agree
/// with SciPy (and therefore with Evidently) to ~1e-10 relative, including the tiny ones.
/// </summary>
public static class KolmogorovDistribution
{
    private const int Exponent128 = 128;
    private const int RubenGambinoLimit = 140;
    private static readonly double Scale128 = Math.ScaleB(1.0, Exponent128);
    private static readonly double InverseScale128 = Math.ScaleB(1.0, -Exponent128);
    private static readonly double SqrtTwoPi = Math.Sqrt(2 * Math.PI);

    /// <summary>Pr(Dₙ ≤ x).</summary>
    public static double Cdf(int n, double x) => Compute(n, x, cdf: true);

    /// <summary>Pr(Dₙ &gt; x), the p-value of an observed statistic x.</summary>
    public static double Sf(int n, double x) => Compute(n, x, cdf: false);

    private static double Select(double cdfProbability, double sfProbability, bool cdf) =>
        Math.Clamp(cdf ? cdfProbability : sfProbability, 0.0, 1.0);

    private static double Compute(int n, double x, bool cdf)
    {
        if (n <= 0 || double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x >= 1.0)
        {
            return Select(1.0, 0.0, cdf);
        }

        if (x <= 0.0)
        {
            return Select(0.0, 1.0, cdf);
        }

        var t = n * x;
        if (t <= 1.0)
        {
            // Ruben–Gambino: 1/(2n) ≤ x ≤ 1/n has a closed form.
            if (t <= 0.5)
            {
                return Select(0.0, 1.0, cdf);
            }

            double probability;
            if (n <= RubenGambinoLimit)
            {
                probability = 1.0;
                var factor = 2 * t - 1;
                for (var i = 1; i <= n; i++)
                {
                    probability *= i * (1.0 / n) * factor;
                }
            }
            else
            {
                probability = Math.Exp(LogFactorialOverPower(n) + (n * Math.Log((2 * t) - 1)));
            }

            return Select(probability, 1.0 - probability, cdf);
        }

        if (t >= n - 1)
        {
            var probability = 2 * Math.Pow(1.0 - x, n);
            return Select(1 - probability, probability, cdf);
        }

        if (x >= 0.5)
        {
            // Above 1/2 the two one-sided events cannot both happen, so the tail is exactly twice D⁺'s.
            var probability = 2 * SmirnovDistribution.Sf(n, x);
            return Select(1.0 - probability, probability, cdf);
        }

        var nxSquared = t * x;
        if (n <= RubenGambinoLimit)
        {
            if (nxSquared <= 0.754693)
            {
                var p = DurbinMatrixCdf(n, x);
                return Select(p, 1.0 - p, cdf);
            }

            if (nxSquared <= 4)
            {
                var p = PomeranzCdf(n, x);
                return Select(p, 1.0 - p, cdf);
            }

            var twice = 2 * SmirnovDistribution.Sf(n, x);
            return Select(1.0 - twice, twice, cdf);
        }

        if (!cdf)
        {
            if (nxSquared >= 370.0)
            {
                return 0.0;
            }

            if (nxSquared >= 2.2)
            {
                return Math.Clamp(2 * SmirnovDistribution.Sf(n, x), 0.0, 1.0);
            }
        }

        double cdfProbability;
        if (nxSquared >= 18.0)
        {
            cdfProbability = 1.0;
        }
        else if (n <= 100_000 && n * Math.Pow(x, 1.5) <= 1.4)
        {
            cdfProbability = DurbinMatrixCdf(n, x);
        }
        else
        {
            cdfProbability = PelzGoodCdf(n, x);
        }

        return Select(cdfProbability, 1.0 - cdfProbability, cdf);
    }

    // ln(n! / nⁿ) by Stirling's series with n·ln(n) removed up front, avoiding cancellation.
    private static double LogFactorialOverPower(int n)
    {
        double[] coefficients =
        [
            -2.955065359477124183e-2, 6.4102564102564102564e-3,
            -1.9175269175269175269e-3, 8.4175084175084175084e-4,
            -5.952380952380952381e-4, 7.9365079365079365079e-4,
            -2.7777777777777777778e-3, 8.3333333333333333333e-2,
        ];
        var rn = 1.0 / n;
        var argument = rn / n;
        var polynomial = 0.0;
        foreach (var c in coefficients)
        {
            polynomial = (polynomial * argument) + c;
        }

        return (Math.Log(n) / 2) - n + (Math.Log(2 * Math.PI) / 2) + (rn * polynomial);
    }

    /// <summary>
    /// Durbin's matrix formula as Marsaglia, Tsang and Wang evaluate it: the k-th diagonal entry of Hⁿ,
    /// with the power taken by squaring and exponents kept aside so nothing overflows.
    /// </summary>
    internal static double DurbinMatrixCdf(int n, double d)
    {
        if (d >= 1.0)
        {
            return 1.0;
        }

        var nd = n * d;
        if (nd <= 0.5)
        {
            return 0.0;
        }

        var k = (int)Math.Ceiling(nd);
        var h = k - nd;
        var m = (2 * k) - 1;

        var v = new double[m];
        var w = new double[m];
        var factorial = 1.0;
        for (var j = 1; j <= m; j++)
        {
            w[j - 1] = factorial;
            factorial /= j;
            v[j - 1] = (1.0 - Math.Pow(h, j)) * factorial;
        }

        var tt = Math.Pow(Math.Max((2 * h) - 1.0, 0), m) - (2 * Math.Pow(h, m));
        v[m - 1] = (1.0 + tt) * factorial;

        var matrix = new double[m * m];
        for (var column = 1; column < m; column++)
        {
            for (var row = column - 1; row < m; row++)
            {
                matrix[(row * m) + column] = w[row - column + 1];
            }
        }

        for (var row = 0; row < m; row++)
        {
            matrix[row * m] = v[row];
        }

        for (var column = 0; column < m; column++)
        {
            matrix[((m - 1) * m) + column] = v[m - 1 - column];
        }

        var power = new double[m * m];
        for (var i = 0; i < m; i++)
        {
            power[(i * m) + i] = 1.0;
        }

        var scratch = new double[m * m];
        var exponent = 0;
        var matrixExponent = 0;
        var remaining = n;
        var diagonal = ((k - 1) * m) + (k - 1);
        while (remaining > 0)
        {
            if (remaining % 2 == 1)
            {
                Multiply(power, matrix, scratch, m);
                (power, scratch) = (scratch, power);
                exponent += matrixExponent;
            }

            remaining /= 2;
            if (remaining == 0)
            {
                break;
            }

            Multiply(matrix, matrix, scratch, m);
            (matrix, scratch) = (scratch, matrix);
            matrixExponent *= 2;
            if (Math.Abs(matrix[diagonal]) > Scale128)
            {
                for (var i = 0; i < matrix.Length; i++)
                {
                    matrix[i] *= InverseScale128;
                }

                matrixExponent += Exponent128;
            }
        }

        var p = power[diagonal];
        for (var i = 1; i <= n; i++)
        {
            p = i * p / n;
            if (Math.Abs(p) < InverseScale128)
            {
                p *= Scale128;
                exponent -= Exponent128;
            }
        }

        if (exponent != 0)
        {
            p = Math.ScaleB(p, exponent);
        }

        return Math.Clamp(p, 0.0, 1.0);
    }

    private static void Multiply(double[] left, double[] right, double[] result, int m)
    {
        Array.Clear(result);
        for (var i = 0; i < m; i++)
        {
            var rowOffset = i * m;
            for (var k = 0; k < m; k++)
            {
                var a = left[rowOffset + k];
                if (a == 0)
                {
                    continue;
                }

                var rightOffset = k * m;
                for (var j = 0; j < m; j++)
                {
                    result[rowOffset + j] += a * right[rightOffset + j];
                }
            }
        }
    }

    private static (int Start, int End) PomeranzBounds(int i, int n, int ll, int ceilf, int roundf)
    {
        int j1, j2;
        if (i == 0)
        {
            j1 = -ll - ceilf - 1;
            j2 = ll + ceilf - 1;
        }
        else
        {
            var half = (i + 1) / 2;
            if ((i + 1) % 2 == 0)
            {
                if (half == n + 1)
                {
                    j1 = n - ll - ceilf - 1;
                    j2 = n + ll + ceilf - 1;
                }
                else
                {
                    j1 = half - 1 - ll - roundf - 1;
                    j2 = half + ll - 1 + ceilf - 1;
                }
            }
            else
            {
                j1 = half - 1 - ll - 1;
                j2 = half + ll + roundf - 1;
            }
        }

        return (Math.Max(j1 + 2, 0), Math.Min(j2, n));
    }

    /// <summary>
    /// Pomeranz's recursion: each row is the previous one convolved with (almost) Poisson probabilities; only
    /// two rows and a narrow band of each are kept, rescaled to stay clear of underflow.
    /// </summary>
    internal static double PomeranzCdf(int n, double x)
    {
        var t = n * x;
        var ll = (int)Math.Floor(t);
        var f = t - ll;
        var g = Math.Min(f, 1.0 - f);
        var ceilf = f > 0 ? 1 : 0;
        var roundf = f > 0.5 ? 1 : 0;
        var powers = 2 * (ll + 1);
        var gPower = new double[powers];
        var twoGPower = new double[powers];
        var oneMinusTwoGPower = new double[powers];
        gPower[0] = twoGPower[0] = oneMinusTwoGPower[0] = 1.0;
        double gOverN = g / n, twoGOverN = 2 * g / n, oneMinusTwoGOverN = (1 - (2 * g)) / n;
        for (var m = 1; m < powers; m++)
        {
            gPower[m] = gPower[m - 1] * gOverN / m;
            twoGPower[m] = twoGPower[m - 1] * twoGOverN / m;
            oneMinusTwoGPower[m] = oneMinusTwoGPower[m - 1] * oneMinusTwoGOverN / m;
        }

        var v0 = new double[powers];
        var v1 = new double[powers];
        v1[0] = 1;
        int v0Start = 0, v1Start = 0;
        var exponent = 0;
        var (j1, _) = PomeranzBounds(0, n, ll, ceilf, roundf);
        for (var i = 1; i < (2 * n) + 2; i++)
        {
            var k1 = j1;
            (v0, v1) = (v1, v0);
            (v0Start, v1Start) = (v1Start, v0Start);
            Array.Clear(v1);
            (j1, var j2) = PomeranzBounds(i, n, ll, ceilf, roundf);
            var weights = i == 1 || i == (2 * n) + 1 ? gPower : (i % 2 == 1 ? twoGPower : oneMinusTwoGPower);
            var length = j2 - k1 + 1;
            if (length <= 0)
            {
                continue;
            }

            var sourceStart = k1 - v0Start;
            var sourceLength = Math.Min(length, powers - sourceStart);
            var weightLength = Math.Min(length, powers);
            var convolutionStart = j1 - k1;
            var convolutionLength = j2 - j1 + 1;
            var largest = 0.0;
            for (var c = 0; c < convolutionLength; c++)
            {
                var index = convolutionStart + c;
                var sum = 0.0;
                var from = Math.Max(0, index - weightLength + 1);
                var to = Math.Min(index, sourceLength - 1);
                for (var a = from; a <= to; a++)
                {
                    sum += v0[sourceStart + a] * weights[index - a];
                }

                v1[c] = sum;
                largest = Math.Max(largest, sum);
            }

            if (largest > 0 && largest < InverseScale128)
            {
                for (var c = 0; c < convolutionLength; c++)
                {
                    v1[c] *= Scale128;
                }

                exponent -= Exponent128;
            }

            v1Start = v0Start + j1 - k1;
        }

        var answer = v1[n - v1Start];
        for (var m = 1; m <= n; m++)
        {
            if (Math.Abs(answer) > Scale128)
            {
                answer *= InverseScale128;
                exponent += Exponent128;
            }

            answer *= m;
        }

        if (exponent != 0)
        {
            answer = Math.ScaleB(answer, exponent);
        }

        return Math.Clamp(answer, 0.0, 1.0);
    }

    /// <summary>Pelz and Good's small-z form of the Li-Chien/Korolyuk expansion of Pr(Dₙ ≤ x).</summary>
    internal static double PelzGoodCdf(int n, double x)
    {
        if (x <= 0.0)
        {
            return 0.0;
        }

        if (x >= 1.0)
        {
            return 1.0;
        }

        const double PiSquared = Math.PI * Math.PI;
        const double PiFour = PiSquared * PiSquared;
        const double PiSix = PiFour * PiSquared;
        var z = Math.Sqrt(n) * x;
        double z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2;

        var qlog = -PiSquared / 8 / z2;
        if (qlog < -708)
        {
            return 0.0;
        }

        var q = Math.Exp(qlog);
        var k1a = -z2;
        var k1b = PiSquared / 4;
        var k2a = (6 * z6) + (2 * z4);
        var k2b = ((2 * z4) - (5 * z2)) * PiSquared / 4;
        var k2c = PiFour * (1 - (2 * z2)) / 16;
        var k3d = PiSix * (5 - (30 * z2)) / 64;
        var k3c = PiFour * ((-60 * z2) + (212 * z4)) / 16;
        var k3b = PiSquared * ((135 * z4) - (96 * z6)) / 4;
        var k3a = (-30 * z6) - (90 * Math.Pow(z, 8));

        double k0 = 0, kk1 = 0, kk2 = 0, kk3 = 0;
        var maxK = (int)Math.Ceiling(16 * z / Math.PI);
        for (var k = maxK; k > 0; k--)
        {
            double m = (2 * k) - 1;
            double m2 = m * m, m4 = m2 * m2, m6 = m4 * m2;
            var qPower = Math.Pow(q, 8 * k);
            k0 = (k0 * qPower) + 1.0;
            kk1 = (kk1 * qPower) + (k1a + (k1b * m2));
            kk2 = (kk2 * qPower) + (k2a + (k2b * m2) + (k2c * m4));
            kk3 = (kk3 * qPower) + (k3a + (k3b * m2) + (k3c * m4) + (k3d * m6));
        }

        var common = q * SqrtTwoPi;
        k0 *= common / z;
        kk1 *= common / (6 * z4);
        kk2 *= common / (72 * Math.Pow(z, 7));
        kk3 *= common / (6480 * Math.Pow(z, 10));

        q = Math.Exp(-PiSquared / 2 / z2);
        var sqrt3z = Math.Sqrt(3) * z;
        double extra2 = 0, extra3 = 0;
        for (var k = maxK; k > 0; k--)
        {
            double ksq = (double)k * k;
            var qPower = Math.Pow(q, ksq);
            var kpi = Math.PI * k;
            extra2 += ksq * qPower;
            extra3 += (sqrt3z + kpi) * (sqrt3z - kpi) * ksq * qPower;
        }

        kk2 += extra2 * PiSquared * SqrtTwoPi / (-36 * z3);
        kk3 += extra3 * PiSquared * SqrtTwoPi / (216 * z6);

        return k0 + (kk1 / Math.Sqrt(n)) + (kk2 / n) + (kk3 / Math.Pow(n, 1.5));
    }
}
