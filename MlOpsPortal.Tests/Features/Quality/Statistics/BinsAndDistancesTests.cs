using MlOpsPortal.Features.Quality.Statistics;

namespace MlOpsPortal.Tests.Features.Quality.Statistics;

public sealed class BinsAndDistancesTests
{
    [Fact]
    public void A_single_value_range_is_widened_by_half_on_each_side_as_numpy_does()
    {
        var edges = EqualWidthBins.Edges(3, 3);

        Assert.Equal(2.5, edges[0]);
        Assert.Equal(3.5, edges[^1]);
        Assert.Equal(11, edges.Length);
    }

    [Fact]
    public void Values_on_an_inner_edge_go_to_the_bin_starting_there_and_the_maximum_to_the_last_bin()
    {
        var edges = EqualWidthBins.Edges(0, 10);
        double[] values = [0, 1, 2, 2, 9.999, 10, 10];

        long[] expected = [1, 1, 2, 0, 0, 0, 0, 0, 0, 3];
        Assert.Equal(expected, EqualWidthBins.Count(values, edges));
        Assert.Equal(expected, EqualWidthBins.CountSorted(values, edges));
    }

    [Fact]
    public void Values_a_rounding_away_from_an_edge_follow_the_edge_not_the_arithmetic()
    {
        // 0.6·3 = 1.7999999999999998 is the stored edge; 1.8 lies above it, so bin 3, and the edge itself too.
        var edges = EqualWidthBins.Edges(0, 6);
        double[] values = [1.7999999999999998, 1.8, 0.6, 5.3999999999999995];

        var counts = EqualWidthBins.Count(values, edges);

        Assert.Equal(1, counts[1]);
        Assert.Equal(2, counts[3]);
        Assert.Equal(1, counts[9]);
        Assert.Equal(counts, EqualWidthBins.CountSorted([.. values.Order()], edges));
    }

    [Fact]
    public void Psi_replaces_empty_shares_with_one_in_ten_thousand()
    {
        double[] reference = [0.5, 0.5, 0];
        double[] current = [0.5, 0.25, 0.25];
        var expected = ((0.5 - 0.25) * Math.Log(0.5 / 0.25)) + ((0.0001 - 0.25) * Math.Log(0.0001 / 0.25));

        Assert.Equal(expected, DistributionDistances.PopulationStabilityIndex(reference, current), 1e-15);
    }

    [Fact]
    public void Jensen_shannon_normalises_and_keeps_zeros()
    {
        // Disjoint supports: divergence ln 2, distance √(ln 2).
        Assert.Equal(Math.Sqrt(Math.Log(2)), DistributionDistances.JensenShannon([2, 0], [0, 5])!.Value, 1e-15);
        Assert.Equal(0, DistributionDistances.JensenShannon([1, 3], [2, 6])!.Value, 1e-8);
        Assert.Null(DistributionDistances.JensenShannon([0, 0], [1, 1]));
    }

    [Fact]
    public void Wasserstein_of_a_shift_is_the_shift()
    {
        double[] reference = [1, 2, 3, 4];
        double[] current = [3, 4, 5, 6];

        Assert.Equal(2, Wasserstein.Distance(reference, current), 1e-15);
        // Population std of 1..4 is √1.25.
        Assert.Equal(2 / Math.Sqrt(1.25), Wasserstein.Normalized(reference, current), 1e-14);
    }

    [Fact]
    public void Chi_square_is_undefined_for_a_single_category()
    {
        Assert.Null(ChiSquareHomogeneity.Test([10], [4]));
        Assert.Null(ChiSquareHomogeneity.Test([10, 0], [4, 0]));
    }
}
