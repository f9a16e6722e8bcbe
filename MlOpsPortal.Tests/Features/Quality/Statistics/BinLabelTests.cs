using MlOpsPortal.Features.Quality.Statistics;

namespace MlOpsPortal.Tests.Features.Quality.Statistics;

/// <summary>A numeric feature's bins are labelled short enough to read under a chart, and never two alike.</summary>
public sealed class BinLabelTests
{
    [Fact]
    public void Scores_between_0_and_1_get_three_decimals()
    {
        // The demo's prediction column: ten bins of width 0.097164 from 0.022.
        var edges = Enumerable.Range(0, 11).Select(i => 0.022 + (i * 0.097164)).ToArray();

        var labels = FeatureDrift.BinLabels(edges);

        Assert.Equal("[0.022, 0.119)", labels[0]);
        Assert.Equal("[0.119, 0.216)", labels[1]);
        Assert.Equal("[0.896, 0.994]", labels[^1]);
    }

    [Theory]
    [InlineData(18, 7.2, "[18, 25.2)", "[25.2, 32.4)")]
    [InlineData(0, 2_500, "[0, 2500)", "[2500, 5000)")]
    [InlineData(1e-5, 3e-6, "[0.00001, 0.000013)", "[0.000013, 0.000016)")]
    public void Each_edge_has_the_decimals_the_bin_width_needs(double start, double width, string first, string second)
    {
        var labels = FeatureDrift.BinLabels([start, start + width, start + (2 * width)]);

        Assert.Equal([first, second.Replace(")", "]", StringComparison.Ordinal)], labels);
    }

    [Fact]
    public void Neighbouring_labels_always_differ()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 200; trial++)
        {
            var start = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-4, 6));
            var width = random.NextDouble() * Math.Pow(10, random.Next(-6, 5)) + 1e-9;
            var labels = FeatureDrift.BinLabels([.. Enumerable.Range(0, 11).Select(i => start + (i * width))]);

            Assert.Equal(labels.Length, labels.Distinct(StringComparer.Ordinal).Count());
        }
    }
}
