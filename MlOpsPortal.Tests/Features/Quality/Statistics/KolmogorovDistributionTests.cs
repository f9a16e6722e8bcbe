using MlOpsPortal.Features.Quality.Statistics;

namespace MlOpsPortal.Tests.Features.Quality.Statistics;

public sealed class KolmogorovDistributionTests
{
    [Theory]
    [InlineData(10, 0.12)]
    [InlineData(10, 0.25)]
    [InlineData(50, 0.09)]
    [InlineData(100, 0.1)]
    [InlineData(140, 0.08)]
    [InlineData(140, 0.16)]
    public void Durbin_and_pomeranz_are_both_exact_and_agree(int n, double x)
    {
        var durbin = KolmogorovDistribution.DurbinMatrixCdf(n, x);
        var pomeranz = KolmogorovDistribution.PomeranzCdf(n, x);

        Assert.InRange(durbin, 1e-12, 1);
        Assert.Equal(durbin, pomeranz, 1e-12);
    }

    [Theory]
    [InlineData(5, 0.15)]
    [InlineData(30, 0.03)]
    [InlineData(200, 0.0045)]
    public void Ruben_gambino_closed_form_matches_durbin_below_one_over_n(int n, double x)
    {
        // Pr(Dn ≤ x) = n!/nⁿ (2nx − 1)ⁿ for 1/(2n) ≤ x ≤ 1/n.
        var closed = Math.Exp(GammaFunctions.LogFactorial(n) - (n * Math.Log(n)) + (n * Math.Log((2 * n * x) - 1)));

        Assert.True(closed > 0, $"closed form {closed}");
        Assert.Equal(1, KolmogorovDistribution.Cdf(n, x) / closed, 1e-9);
        Assert.Equal(1, KolmogorovDistribution.DurbinMatrixCdf(n, x) / closed, 1e-9);
    }

    [Theory]
    [InlineData(200, 0.06)]
    [InlineData(5_000, 0.012)]
    [InlineData(50_000, 0.0042)]
    public void Pelz_good_approximates_the_exact_durbin_value(int n, double x)
    {
        Assert.Equal(KolmogorovDistribution.DurbinMatrixCdf(n, x), KolmogorovDistribution.PelzGoodCdf(n, x), 1e-4);
    }

    [Theory]
    [InlineData(1, 0.7)]
    [InlineData(7, 0.3)]
    [InlineData(100, 0.05)]
    [InlineData(100, 0.2)]
    [InlineData(1_000, 0.03)]
    public void Cdf_and_sf_are_complementary(int n, double x)
    {
        Assert.Equal(1.0, KolmogorovDistribution.Cdf(n, x) + KolmogorovDistribution.Sf(n, x), 1e-12);
    }

    [Fact]
    public void One_observation_has_the_uniform_tail()
    {
        // D₁ = max(U, 1 − U), so Pr(D₁ > x) = 2(1 − x) for x ≥ ½.
        Assert.Equal(0.6, KolmogorovDistribution.Sf(1, 0.7), 1e-15);
        Assert.Equal(1.0, KolmogorovDistribution.Sf(1, 0.4));
    }

    [Fact]
    public void Large_n_approaches_kolmogorovs_limit()
    {
        // Pr(√n·Dn > 1) → 0.26999967167735456 (Kolmogorov's distribution), with an O(1/√n) correction.
        Assert.Equal(0.2699996716773546, KolmogorovDistribution.Sf(1_000_000, 1e-3), 2e-3);
    }

    [Fact]
    public void Beyond_the_support_the_tail_is_zero_or_one()
    {
        Assert.Equal(0.0, KolmogorovDistribution.Sf(50, 1.0));
        Assert.Equal(1.0, KolmogorovDistribution.Sf(50, 0.0));
        Assert.Equal(1.0, KolmogorovDistribution.Sf(50, 0.005));
    }

    [Theory]
    [InlineData(8, 0.3)]
    [InlineData(20, 0.2)]
    [InlineData(60, 0.45)]
    [InlineData(300, 0.1)]
    public void Smirnov_matches_the_plain_birnbaum_tingey_sum(int n, double x)
    {
        var plain = 0.0;
        var binomial = 1.0;
        for (var v = 0; v <= (int)Math.Floor(n * (1 - x)); v++)
        {
            plain += binomial * Math.Pow(x + ((double)v / n), v - 1) * Math.Pow(1 - x - ((double)v / n), n - v);
            binomial *= (double)(n - v) / (v + 1);
        }

        plain *= x;

        Assert.Equal(1, SmirnovDistribution.Sf(n, x) / plain, 1e-10);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(9)]
    [InlineData(37)]
    [InlineData(140)]
    [InlineData(141)]
    [InlineData(1_000)]
    [InlineData(120_000)]
    public void Tail_is_a_probability_that_never_rises_with_x_across_every_method(int n)
    {
        var previous = 1.0;
        for (var x = 0.0; x <= 1.0; x += 1.0 / 512)
        {
            var sf = KolmogorovDistribution.Sf(n, x);

            Assert.InRange(sf, 0, 1);
            Assert.True(sf <= previous + 1e-6, $"n={n}, x={x}: {sf} after {previous}");
            previous = sf;
        }
    }
}
