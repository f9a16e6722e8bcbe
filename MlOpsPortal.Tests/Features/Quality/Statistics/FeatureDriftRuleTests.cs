using System.Text.Json;
using MlOpsPortal.Features.Quality.Statistics;

namespace MlOpsPortal.Tests.Features.Quality.Statistics;

public sealed class FeatureDriftRuleTests
{
    [Fact]
    public void Small_numeric_reference_with_many_values_uses_ks()
    {
        var result = FeatureDrift.Numeric("x", Normal(1_000, 0, 1), Normal(800, 0.5, 1));

        Assert.Equal(DriftTest.KolmogorovSmirnov, result.Test);
        Assert.Equal(result.Statistics["ks"], result.Statistic);
        Assert.Equal(result.Statistics["ksPValue"], result.PValue);
        Assert.Equal(0.05, result.Threshold);
        Assert.True(result.Drifted);
        Assert.False(result.TreatedAsCategorical);
        Assert.Equal(["jensenShannon", "ks", "ksPValue", "psi", "wasserstein"], result.Statistics.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Small_numeric_reference_without_shift_does_not_drift()
    {
        var result = FeatureDrift.Numeric("x", Normal(1_000, 0, 1, seed: 1), Normal(1_000, 0, 1, seed: 2));

        Assert.Equal(DriftTest.KolmogorovSmirnov, result.Test);
        Assert.False(result.Drifted);
        Assert.True(result.PValue > 0.05);
    }

    [Fact]
    public void Large_numeric_reference_uses_normalised_wasserstein()
    {
        var result = FeatureDrift.Numeric("x", Normal(1_001, 0, 1), Normal(500, 0.5, 1));

        Assert.Equal(DriftTest.Wasserstein, result.Test);
        Assert.Equal(result.Statistics["wasserstein"], result.Statistic);
        Assert.Null(result.PValue);
        Assert.Equal(0.1, result.Threshold);
        Assert.True(result.Drifted);
    }

    [Fact]
    public void Numeric_with_five_distinct_reference_values_is_tested_as_categorical()
    {
        double[] reference = [.. Enumerable.Range(0, 500).Select(i => (double)(i % 5))];
        double[] current = [.. Enumerable.Range(0, 500).Select(i => (double)(i % 4))];

        var result = FeatureDrift.Numeric("x", reference, current);

        Assert.True(result.TreatedAsCategorical);
        Assert.Equal(FeatureType.Numeric, result.FeatureType);
        Assert.Equal(DriftTest.ChiSquare, result.Test);
        Assert.Equal(result.Statistics["chiSquarePValue"], result.PValue);
        Assert.True(result.Drifted);
        Assert.Contains("ks", result.Statistics.Keys);
        Assert.Equal(["0", "1", "2", "3", "4"], result.Distribution!.Labels);
    }

    [Fact]
    public void Numeric_with_six_distinct_reference_values_stays_numeric()
    {
        double[] reference = [.. Enumerable.Range(0, 600).Select(i => (double)(i % 6))];

        var result = FeatureDrift.Numeric("x", reference, reference);

        Assert.False(result.TreatedAsCategorical);
        Assert.Equal(DriftTest.KolmogorovSmirnov, result.Test);
        Assert.DoesNotContain("chiSquare", result.Statistics.Keys);
    }

    [Fact]
    public void Large_categorical_reference_uses_jensen_shannon()
    {
        var reference = Categories(1_001, ["a", "b", "c"]);
        var current = Categories(1_000, ["a", "a", "a", "b"]);

        var result = FeatureDrift.Categorical("c", reference, current);

        Assert.Equal(DriftTest.JensenShannon, result.Test);
        Assert.Equal(result.Statistics["jensenShannon"], result.Statistic);
        Assert.Null(result.PValue);
        Assert.True(result.Drifted);
    }

    [Fact]
    public void Large_numeric_reference_with_few_values_uses_jensen_shannon()
    {
        double[] reference = [.. Enumerable.Range(0, 2_000).Select(i => (double)(i % 2))];

        var result = FeatureDrift.Numeric("flag", reference, reference);

        Assert.Equal(DriftTest.JensenShannon, result.Test);
        Assert.False(result.Drifted);
    }

    [Fact]
    public void Override_picks_psi_with_its_drift_and_warning_levels()
    {
        var reference = Normal(5_000, 0, 1);

        var drifted = FeatureDrift.Numeric("x", reference, Normal(5_000, 1, 1), new DriftTestOverride(DriftTest.PopulationStabilityIndex));
        var same = FeatureDrift.Numeric("x", reference, Normal(5_000, 0, 1, seed: 9), new DriftTestOverride(DriftTest.PopulationStabilityIndex));

        Assert.Equal(DriftTest.PopulationStabilityIndex, drifted.Test);
        Assert.Equal(0.2, drifted.Threshold);
        Assert.Equal(drifted.Statistics["psi"], drifted.Statistic);
        Assert.True(drifted.Drifted);
        Assert.False(same.Drifted);
        Assert.False(same.Warning);
    }

    [Fact]
    public void Psi_between_warning_and_drift_levels_warns()
    {
        double[] reference = [.. Enumerable.Range(0, 1_000).Select(i => (double)(i % 10))];
        // Half of bin 1 moves to bin 0 and half of bin 2 to bin 3: PSI = 2·(0.05·ln 2 + 0.05·ln 1.5) ≈ 0.110.
        double[] current = [.. Enumerable.Range(0, 1_000).Select(i => i % 20 == 1 ? 0.0 : i % 20 == 2 ? 3.0 : i % 10)];

        var result = FeatureDrift.Numeric("x", reference, current, new DriftTestOverride(DriftTest.PopulationStabilityIndex));

        Assert.InRange(result.Statistic!.Value, 0.1, 0.2);
        Assert.False(result.Drifted);
        Assert.True(result.Warning);
    }

    [Fact]
    public void Override_threshold_changes_the_verdict()
    {
        var reference = Normal(800, 0, 1);
        var current = Normal(800, 0.12, 1, seed: 3);

        var strict = FeatureDrift.Numeric("x", reference, current, new DriftTestOverride(Threshold: 1e-12));
        var lenient = FeatureDrift.Numeric("x", reference, current, new DriftTestOverride(Threshold: 0.999999));

        Assert.Equal(DriftTest.KolmogorovSmirnov, strict.Test);
        Assert.False(strict.Drifted);
        Assert.True(lenient.Drifted);
        Assert.Equal(1e-12, strict.Threshold);
    }

    [Fact]
    public void Override_to_chi_square_on_a_continuous_feature_adds_the_chi_square_statistics()
    {
        var result = FeatureDrift.Numeric("x", Normal(300, 0, 1), Normal(300, 0, 1, seed: 4), new DriftTestOverride(DriftTest.ChiSquare));

        Assert.Equal(DriftTest.ChiSquare, result.Test);
        Assert.Equal(result.Statistics["chiSquare"], result.Statistic);
    }

    [Fact]
    public void Numeric_tests_forced_on_a_categorical_feature_say_why_they_are_missing()
    {
        var result = FeatureDrift.Categorical("c", ["a", "b"], ["a", "b"], new DriftTestOverride(DriftTest.KolmogorovSmirnov));

        Assert.Equal(DriftTest.KolmogorovSmirnov, result.Test);
        Assert.Null(result.Statistic);
        Assert.False(result.Drifted);
        Assert.Contains("numeric", result.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_categories_are_charted_as_the_most_frequent_plus_other()
    {
        var reference = Categories(900, [.. Enumerable.Range(0, 30).Select(i => $"c{i}")]);

        var result = FeatureDrift.Categorical("c", reference, reference);

        Assert.Equal(20, result.Distribution!.Labels.Count);
        Assert.Equal("Other", result.Distribution.Labels[^1]);
        Assert.Equal(1, result.Distribution.ReferenceShares.Sum(), 1e-12);
        Assert.Equal(0, result.Statistics["chiSquare"], 1e-12);
    }

    [Fact]
    public void Cells_are_typed_before_testing()
    {
        var numeric = FeatureDrift.FromCells("n", ["1.5", "2", "NaN", "", "3e2", "4", "5", "6"], ["1", null, "nan", "2.5", "7"]);
        var categorical = FeatureDrift.FromCells("c", ["1", "two", "3"], ["1", "2"]);

        Assert.Equal(FeatureType.Numeric, numeric.FeatureType);
        Assert.Equal(2, numeric.ReferenceMissing);
        Assert.Equal(2, numeric.CurrentMissing);
        Assert.Equal(FeatureType.Categorical, categorical.FeatureType);
    }

    [Fact]
    public void Results_serialise_to_json()
    {
        var json = JsonSerializer.Serialize(FeatureDrift.Numeric("x", Normal(50, 0, 1), Normal(50, 1, 1)));

        Assert.Contains("\"ksPValue\"", json, StringComparison.Ordinal);
    }

    internal static double[] Normal(int count, double mean, double sd, int seed = 42)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            values[i] = mean + (sd * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }

        return values;
    }

    internal static string?[] Categories(int count, string[] pattern) => [.. Enumerable.Range(0, count).Select(i => pattern[i % pattern.Length])];
}
