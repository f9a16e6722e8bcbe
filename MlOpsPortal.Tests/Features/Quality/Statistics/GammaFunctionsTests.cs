using MlOpsPortal.Features.Quality.Statistics;

namespace MlOpsPortal.Tests.Features.Quality.Statistics;

public sealed class GammaFunctionsTests
{
    [Theory]
    [InlineData(0.5, 0.57236494292470008707)]
    [InlineData(1, 0)]
    [InlineData(3.5, 1.2009736023470742248)]
    [InlineData(10, 12.801827480081469611)]
    [InlineData(101, 363.73937555556349014)]
    public void Log_gamma_matches_known_values(double x, double expected)
    {
        Assert.Equal(expected, GammaFunctions.LogGamma(x), Math.Max(1e-13, Math.Abs(expected) * 1e-14));
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(4)]
    [InlineData(40)]
    [InlineData(160)]
    public void Upper_tail_with_integer_shape_is_a_poisson_sum(double x)
    {
        // Q(3, x) = e^(−x)(1 + x + x²/2), exact for every x; at 160 it is ~1e-65, so only relative accuracy counts.
        var expected = Math.Exp(-x) * (1 + x + (x * x / 2));

        Assert.Equal(1, GammaFunctions.UpperRegularizedGamma(3, x) / expected, 1e-12);
    }

    [Theory]
    [InlineData(1, 0.5)]
    [InlineData(4.5, 3)]
    [InlineData(4.5, 9)]
    [InlineData(250, 260)]
    public void Lower_and_upper_parts_sum_to_one(double a, double x)
    {
        Assert.Equal(1, GammaFunctions.LowerRegularizedGamma(a, x) + GammaFunctions.UpperRegularizedGamma(a, x), 1e-13);
    }

    [Fact]
    public void Chi_square_with_two_degrees_of_freedom_is_exponential()
    {
        Assert.Equal(Math.Exp(-10.0), GammaFunctions.ChiSquareSurvival(20, 2), 1e-20);
        Assert.Equal(1.0, GammaFunctions.ChiSquareSurvival(0, 3));
    }
}
