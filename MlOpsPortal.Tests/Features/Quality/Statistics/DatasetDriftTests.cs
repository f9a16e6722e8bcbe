using MlOpsPortal.Features.Quality.Statistics;

namespace MlOpsPortal.Tests.Features.Quality.Statistics;

public sealed class DatasetDriftTests
{
    private static FeatureDriftResult Feature(bool drifted, bool evaluated = true) => new()
    {
        FeatureName = "f",
        FeatureType = FeatureType.Numeric,
        Statistics = new Dictionary<string, double>(),
        Statistic = evaluated ? 0.5 : null,
        Drifted = drifted,
    };

    [Fact]
    public void Half_of_the_features_drifting_makes_the_dataset_drift()
    {
        var result = DatasetDrift.Summarize([Feature(true), Feature(true), Feature(false), Feature(false)]);

        Assert.Equal(0.5, result.DriftedShare);
        Assert.True(result.Drifted);
    }

    [Fact]
    public void Fewer_than_the_configured_share_does_not()
    {
        var features = new[] { Feature(true), Feature(false), Feature(false) };

        Assert.False(DatasetDrift.Summarize(features).Drifted);
        Assert.True(DatasetDrift.Summarize(features, driftShare: 0.3).Drifted);
    }

    [Fact]
    public void Features_without_a_verdict_do_not_dilute_the_share()
    {
        var result = DatasetDrift.Summarize([Feature(true), Feature(false, evaluated: false)]);

        Assert.Equal(2, result.FeatureCount);
        Assert.Equal(1, result.EvaluatedCount);
        Assert.Equal(1.0, result.DriftedShare);
        Assert.False(DatasetDrift.Summarize([Feature(false, evaluated: false)]).Drifted);
    }

    [Fact]
    public void Evaluate_runs_every_feature_in_order()
    {
        var normal = FeatureDriftRuleTests.Normal(500, 0, 1);
        var (features, dataset) = DatasetDrift.Evaluate(
        [
            FeatureColumns.Numeric("same", normal, normal),
            FeatureColumns.Numeric("shifted", normal, FeatureDriftRuleTests.Normal(500, 2, 1)),
            FeatureColumns.Categorical("colour", ["red", "blue"], ["red", "red"]),
        ]);

        Assert.Equal(["same", "shifted", "colour"], features.Select(f => f.FeatureName));
        Assert.False(features[0].Drifted);
        Assert.True(features[1].Drifted);
        Assert.Equal(3, dataset.EvaluatedCount);
    }
}
