using MlOpsPortal.Features.Quality.Statistics;

namespace MlOpsPortal.Tests.Features.Quality.Statistics;

public sealed class KolmogorovSmirnovTests
{
    [Fact]
    public void Statistic_handles_ties_across_samples_as_searchsorted_right()
    {
        // At 1: F1 = 2/3, F2 = 1/3; at 2: F1 = 1, F2 = 2/3; at 3 both 1. D = 1/3, the larger of the two roundings.
        Assert.Equal(1.0 - (2.0 / 3), KolmogorovSmirnov.Statistic([1, 1, 2], [1, 2, 3]));
        Assert.Equal(0.0, KolmogorovSmirnov.Test([1, 2, 2], [2, 1, 2]).Statistic);
        Assert.Equal(1.0, KolmogorovSmirnov.Statistic([1, 2], [3, 4]));
    }

    [Theory]
    [InlineData(5, 7)]
    [InlineData(6, 6)]
    [InlineData(4, 9)]
    public void Exact_p_value_equals_brute_force_over_every_arrangement(int n1, int n2)
    {
        var total = n1 + n2;
        var observed = new double[total];
        var random = new Random(n1 * 31 + n2);
        for (var i = 0; i < total; i++)
        {
            observed[i] = random.NextDouble();
        }

        var reference = observed[..n1];
        var current = observed[n1..];
        var d = KolmogorovSmirnov.Test(reference, current).Statistic;

        // Under H0 every assignment of the pooled (distinct) values to the two samples is equally likely.
        long atLeast = 0, arrangements = 0;
        for (var mask = 0; mask < 1 << total; mask++)
        {
            if (System.Numerics.BitOperations.PopCount((uint)mask) != n1)
            {
                continue;
            }

            var a = new List<double>();
            var b = new List<double>();
            for (var i = 0; i < total; i++)
            {
                (((mask >> i) & 1) == 1 ? a : b).Add(observed[i]);
            }

            a.Sort();
            b.Sort();
            arrangements++;
            if (KolmogorovSmirnov.Statistic(a.ToArray(), b.ToArray()) >= d - 1e-12)
            {
                atLeast++;
            }
        }

        var exact = KolmogorovSmirnov.ExactPValue(d, n1, n2);

        Assert.NotNull(exact);
        Assert.Equal((double)atLeast / arrangements, exact.Value, 1e-12);
    }

    [Theory]
    [InlineData(30, 7)]
    [InlineData(50, 12)]
    [InlineData(100, 31)]
    public void Square_and_band_methods_agree_for_equal_sizes(int n, int h)
    {
        Assert.Equal(KolmogorovSmirnov.ProbabilityOutsideSquare(n, h), KolmogorovSmirnov.ProbabilityOutsideBand(n, n, n, h), 1e-12);
    }

    [Fact]
    public void Exact_is_used_up_to_the_product_limit_and_asymptotic_above()
    {
        var small = KolmogorovSmirnov.Test(Sequence(100, 0), Sequence(100, 0.3));
        var large = KolmogorovSmirnov.Test(Sequence(101, 0), Sequence(100, 0.3));

        Assert.Equal(KsPValueMethod.Exact, small.Method);
        Assert.Equal(KsPValueMethod.Asymptotic, large.Method);
    }

    [Fact]
    public void One_value_on_each_side_has_no_p_value_rather_than_nan()
    {
        // round(1·1/2) = 0 under banker's rounding: SciPy's kstwo returns NaN there.
        Assert.Null(KolmogorovSmirnov.AsymptoticPValue(1.0, 1, 1));
    }

    private static double[] Sequence(int count, double offset) => [.. Enumerable.Range(0, count).Select(i => (i / (double)count) + offset)];
}
