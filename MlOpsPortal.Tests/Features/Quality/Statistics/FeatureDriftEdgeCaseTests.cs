using MlOpsPortal.Features.Quality.Statistics;

namespace MlOpsPortal.Tests.Features.Quality.Statistics;

public sealed class FeatureDriftEdgeCaseTests
{
    public static TheoryData<string, double[], double[], string> NumericEdgeCases => new()
    {
        { "empty reference", [], [1, 2, 3], "reference column is empty" },
        { "empty current", [1, 2, 3], [], "current column is empty" },
        { "all reference missing", [double.NaN, double.NaN], [1, 2], "Every reference value is missing" },
        { "all current missing", [1, 2], [double.NaN, double.PositiveInfinity], "Every current value is missing" },
    };

    [Theory]
    [MemberData(nameof(NumericEdgeCases))]
    public void Numeric_columns_with_nothing_to_compare_say_so(string name, double[] reference, double[] current, string note)
    {
        var result = FeatureDrift.Numeric(name, reference, current);

        Assert.False(result.Drifted);
        Assert.Null(result.Statistic);
        Assert.Empty(result.Statistics);
        Assert.Contains(note, result.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Categorical_columns_with_nothing_to_compare_say_so()
    {
        var missing = FeatureDrift.Categorical("c", [null, ""], ["a"]);
        var empty = FeatureDrift.Categorical("c", ["a"], []);

        Assert.Contains("Every reference value is missing", missing.Note, StringComparison.Ordinal);
        Assert.Equal(2, missing.ReferenceMissing);
        Assert.Contains("current column is empty", empty.Note, StringComparison.Ordinal);
        Assert.False(missing.Drifted || empty.Drifted);
    }

    [Fact]
    public void Nan_cells_are_missing_not_values()
    {
        double[] reference = [.. FeatureDriftRuleTests.Normal(200, 0, 1), double.NaN, double.NaN];
        double[] current = [double.NaN, .. FeatureDriftRuleTests.Normal(150, 0, 1, seed: 5)];

        var withNan = FeatureDrift.Numeric("x", reference, current);
        var without = FeatureDrift.Numeric("x", FeatureDriftRuleTests.Normal(200, 0, 1), FeatureDriftRuleTests.Normal(150, 0, 1, seed: 5));

        Assert.Equal(2, withNan.ReferenceMissing);
        Assert.Equal(1, withNan.CurrentMissing);
        Assert.Equal(200, withNan.ReferenceCount);
        Assert.Equal(without.Statistics, withNan.Statistics);
    }

    [Fact]
    public void Constant_reference_still_gets_its_statistics()
    {
        var c = GoldenDriftCases.Get("constant-reference");

        var result = FeatureDrift.Numeric("constant", c.NumericReference, c.NumericCurrent);

        Assert.Equal(1, result.ReferenceUniqueCount);
        Assert.True(result.TreatedAsCategorical);
        Assert.Equal(DriftTest.ChiSquare, result.Test);
        Assert.True(result.Drifted);
        Tolerance.Statistic(c.Number("wasserstein_normalized"), result.Statistics["wasserstein"], "wasserstein");
        Tolerance.Statistic(c.Number("psi"), result.Statistics["psi"], "psi");
        Tolerance.PValue(c.Number("ks_pvalue_exact"), result.Statistics["ksPValue"], "ksPValue");
        Assert.Null(result.Note);
    }

    [Fact]
    public void A_single_shared_category_leaves_chi_square_out_and_explains()
    {
        var categorical = FeatureDrift.Categorical("c", ["a", "a", "a"], ["a", "a"]);
        var numeric = FeatureDrift.Numeric("n", [7, 7, 7], [7, 7]);

        foreach (var result in new[] { categorical, numeric })
        {
            Assert.Equal(DriftTest.ChiSquare, result.Test);
            Assert.False(result.Drifted);
            Assert.Null(result.Statistic);
            Assert.DoesNotContain("chiSquare", result.Statistics.Keys);
            Assert.Contains("only one", result.Note, StringComparison.Ordinal);
            Assert.Equal(0, result.Statistics["psi"], 1e-15);
            Assert.Equal(0, result.Statistics["jensenShannon"], 1e-15);
        }

        Assert.Equal(0, numeric.Statistics["ks"]);
        Assert.Equal(0, numeric.Statistics["wasserstein"]);
    }

    [Fact]
    public void One_value_each_gets_the_exact_p_value_and_never_nan()
    {
        // The asymptotic effective size round(1/2) is 0 (undefined there); the exact count says p = 1.
        var result = FeatureDrift.Numeric("x", [1], [2], new DriftTestOverride(DriftTest.KolmogorovSmirnov));

        Assert.Equal(1.0, result.Statistics["ksPValue"]);
        Assert.Null(KolmogorovSmirnov.Test([1], [2], exactMaxProduct: 0).PValue);
        Assert.False(result.Drifted);
    }

    public static TheoryData<double[], double[]> Awkward => new()
    {
        { [], [] },
        { [double.NaN], [double.NaN] },
        { [1], [1] },
        { [1], [2] },
        { [0, 0, 0], [1e300, -1e300] },
        { [double.MaxValue, double.MinValue], [0] },
        { [double.Epsilon, 0], [double.Epsilon] },
        { [1e-300, 2e-300, 3e-300, 4e-300, 5e-300, 6e-300], [1e-300] },
        { [.. Enumerable.Range(0, 2_000).Select(i => (double)i)], [double.NegativeInfinity, 5, double.NaN] },
    };

    [Theory]
    [MemberData(nameof(Awkward))]
    public void No_result_ever_holds_nan_or_infinity(double[] reference, double[] current)
    {
        foreach (var test in Enum.GetValues<DriftTest>().Cast<DriftTest?>().Append(null))
        {
            var result = FeatureDrift.Numeric("x", reference, current, test is null ? null : new DriftTestOverride(test));
            AssertFinite(result);
        }

        var asText = FeatureDrift.Categorical("c", [.. reference.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))], [.. current.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))]);
        AssertFinite(asText);
    }

    private static void AssertFinite(FeatureDriftResult result)
    {
        Assert.All(result.Statistics.Values, v => Assert.True(double.IsFinite(v), $"{result.FeatureName}: {v}"));
        Assert.True(result.Statistic is null || double.IsFinite(result.Statistic.Value));
        Assert.True(result.PValue is null || double.IsFinite(result.PValue.Value));
        Assert.True(result.Threshold is null || double.IsFinite(result.Threshold.Value));
        if (result.Distribution is { } distribution)
        {
            Assert.All(distribution.ReferenceShares, v => Assert.True(double.IsFinite(v)));
            Assert.All(distribution.CurrentShares, v => Assert.True(double.IsFinite(v)));
        }

        if (result.Statistic is null)
        {
            Assert.False(result.Drifted);
            Assert.False(string.IsNullOrWhiteSpace(result.Note));
        }
    }
}
