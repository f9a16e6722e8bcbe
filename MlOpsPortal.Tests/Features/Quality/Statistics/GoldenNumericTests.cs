using MlOpsPortal.Features.Quality.Statistics;

namespace MlOpsPortal.Tests.Features.Quality.Statistics;

public sealed class GoldenNumericTests
{
    public static TheoryData<string> Numeric => GoldenDriftCases.NumericNames();

    public static TheoryData<string> WithExactKs => GoldenDriftCases.NamesWithExactKs();

    [Fact]
    public void The_golden_file_holds_the_documented_cases()
    {
        Assert.Equal(10, GoldenDriftCases.All.Count(c => c.Kind == "numeric"));
        Assert.Equal(4, GoldenDriftCases.All.Count(c => c.Kind == "categorical"));
        Assert.Equal(2, WithExactKs.Count);
    }

    [Theory]
    [MemberData(nameof(Numeric))]
    public void Ks_statistic_matches_scipy(string name)
    {
        var c = GoldenDriftCases.Get(name);

        var result = KolmogorovSmirnov.Test(c.NumericReference, c.NumericCurrent, exactMaxProduct: 0);

        Tolerance.Statistic(c.Number("ks_statistic"), result.Statistic, "D");
    }

    [Theory]
    [MemberData(nameof(Numeric))]
    public void Ks_asymptotic_p_value_matches_scipy(string name)
    {
        var c = GoldenDriftCases.Get(name);

        var result = KolmogorovSmirnov.Test(c.NumericReference, c.NumericCurrent, exactMaxProduct: 0);

        Assert.Equal(KsPValueMethod.Asymptotic, result.Method);
        Assert.NotNull(result.PValue);
        Tolerance.PValue(c.Number("ks_pvalue_asymp"), result.PValue.Value, "asymp p");
    }

    [Theory]
    [MemberData(nameof(WithExactKs))]
    public void Ks_exact_p_value_matches_scipy(string name)
    {
        var c = GoldenDriftCases.Get(name);

        var result = KolmogorovSmirnov.Test(c.NumericReference, c.NumericCurrent);

        Assert.Equal(KsPValueMethod.Exact, result.Method);
        Assert.NotNull(result.PValue);
        Tolerance.PValue(c.Number("ks_pvalue_exact"), result.PValue.Value, "exact p");
    }

    [Theory]
    [MemberData(nameof(Numeric))]
    public void Bin_edges_are_numpys(string name)
    {
        var c = GoldenDriftCases.Get(name);

        var edges = EqualWidthBins.Edges(NumericSample.Create(c.NumericReference), NumericSample.Create(c.NumericCurrent));

        var expected = c.Numbers("bin_edges");
        Assert.Equal(expected.Length, edges.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            // linspace is reproduced operation for operation, so the edges agree to the bit.
            Assert.Equal(expected[i], edges[i]);
        }
    }

    [Theory]
    [MemberData(nameof(Numeric))]
    public void Sorted_and_unsorted_bin_counts_agree(string name)
    {
        var c = GoldenDriftCases.Get(name);
        var reference = NumericSample.Create(c.NumericReference);
        var edges = EqualWidthBins.Edges(reference, NumericSample.Create(c.NumericCurrent));

        Assert.Equal(EqualWidthBins.Count(c.NumericReference, edges), EqualWidthBins.CountSorted(reference.Sorted, edges));
        Assert.Equal(c.NumericReference.Length, EqualWidthBins.CountSorted(reference.Sorted, edges).Sum());
    }

    [Theory]
    [MemberData(nameof(Numeric))]
    public void Psi_matches_evidently(string name)
    {
        var c = GoldenDriftCases.Get(name);
        var (reference, current) = Shares(c);

        Tolerance.Statistic(c.Number("psi"), DistributionDistances.PopulationStabilityIndex(reference, current), "PSI");
    }

    [Theory]
    [MemberData(nameof(Numeric))]
    public void Jensen_shannon_matches_scipy(string name)
    {
        var c = GoldenDriftCases.Get(name);
        var (reference, current) = Shares(c);

        var js = DistributionDistances.JensenShannon(reference, current);

        Assert.NotNull(js);
        Tolerance.Statistic(c.Number("jensenshannon"), js.Value, "JS");
    }

    [Theory]
    [MemberData(nameof(Numeric))]
    public void Normalized_wasserstein_matches_scipy(string name)
    {
        var c = GoldenDriftCases.Get(name);

        Tolerance.Statistic(c.Number("wasserstein_normalized"), Wasserstein.Normalized(c.NumericReference, c.NumericCurrent), "W1/std");
    }

    [Theory]
    [MemberData(nameof(Numeric))]
    public void Feature_drift_reports_every_numeric_statistic_as_scipy_computes_it(string name)
    {
        var c = GoldenDriftCases.Get(name);

        var result = FeatureDrift.Numeric(name, c.NumericReference, c.NumericCurrent);

        Tolerance.Statistic(c.Number("ks_statistic"), result.Statistics["ks"], "ks");
        var expectedP = c.OptionalNumber("ks_pvalue_exact") ?? c.Number("ks_pvalue_asymp");
        Tolerance.PValue(expectedP, result.Statistics["ksPValue"], "ksPValue");
        Tolerance.Statistic(c.Number("wasserstein_normalized"), result.Statistics["wasserstein"], "wasserstein");
        Tolerance.Statistic(c.Number("jensenshannon"), result.Statistics["jensenShannon"], "jensenShannon");
        Tolerance.Statistic(c.Number("psi"), result.Statistics["psi"], "psi");
        Assert.Equal(c.NumericReference.Length, result.ReferenceCount);
        Assert.Equal(c.NumericCurrent.Length, result.CurrentCount);
        if (!result.TreatedAsCategorical)
        {
            Assert.Equal(10, result.Distribution!.Labels.Count);
        }

        Assert.All(result.Statistics.Values, v => Assert.True(double.IsFinite(v)));
    }

    private static (double[] Reference, double[] Current) Shares(GoldenDriftCase c)
    {
        var reference = NumericSample.Create(c.NumericReference);
        var current = NumericSample.Create(c.NumericCurrent);
        var edges = EqualWidthBins.Edges(reference, current);
        return (
            EqualWidthBins.Shares(EqualWidthBins.CountSorted(reference.Sorted, edges), reference.Count),
            EqualWidthBins.Shares(EqualWidthBins.CountSorted(current.Sorted, edges), current.Count));
    }
}
