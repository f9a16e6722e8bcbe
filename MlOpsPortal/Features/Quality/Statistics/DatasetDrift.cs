namespace MlOpsPortal.Features.Quality.Statistics;

/// <summary>Dataset-level verdict over the features that could be evaluated.</summary>
public sealed record DatasetDriftResult(int FeatureCount, int EvaluatedCount, int DriftedCount, double DriftedShare, double DriftShareThreshold, bool Drifted);

/// <summary>One feature's reference and current columns, numeric or categorical.</summary>
public sealed record FeatureColumns
{
    private FeatureColumns(string name, DriftTestOverride? overrides)
    {
        Name = name;
        Override = overrides;
    }

    public string Name { get; }

    public DriftTestOverride? Override { get; }

    public double[]? NumericReference { get; private init; }

    public double[]? NumericCurrent { get; private init; }

    public IReadOnlyList<string?>? CategoricalReference { get; private init; }

    public IReadOnlyList<string?>? CategoricalCurrent { get; private init; }

    public static FeatureColumns Numeric(string name, double[] reference, double[] current, DriftTestOverride? overrides = null) =>
        new(name, overrides) { NumericReference = reference, NumericCurrent = current };

    public static FeatureColumns Categorical(string name, IReadOnlyList<string?> reference, IReadOnlyList<string?> current, DriftTestOverride? overrides = null) =>
        new(name, overrides) { CategoricalReference = reference, CategoricalCurrent = current };

    /// <summary>Runs <see cref="FeatureDrift"/> on these columns.</summary>
    public FeatureDriftResult Evaluate() => NumericReference is not null
        ? FeatureDrift.Numeric(Name, NumericReference, NumericCurrent, Override)
        : FeatureDrift.Categorical(Name, CategoricalReference!, CategoricalCurrent!, Override);
}

/// <summary>A dataset drifts when at least a configurable share of its features drift (Evidently's default: half).</summary>
public static class DatasetDrift
{
    public const double DefaultDriftShare = 0.5;

    /// <summary>
    /// Share of drifted features among those with a verdict; features whose columns held nothing to compare
    /// (a <see cref="FeatureDriftResult.Note"/> and no statistic) are counted but do not dilute the share.
    /// </summary>
    public static DatasetDriftResult Summarize(IReadOnlyCollection<FeatureDriftResult> features, double driftShare = DefaultDriftShare)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (!(driftShare is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(driftShare), driftShare, "The drift share must lie between 0 and 1.");
        }

        int evaluated = 0, drifted = 0;
        foreach (var feature in features)
        {
            if (feature.Statistic is null)
            {
                continue;
            }

            evaluated++;
            if (feature.Drifted)
            {
                drifted++;
            }
        }

        var share = evaluated == 0 ? 0.0 : (double)drifted / evaluated;
        return new DatasetDriftResult(features.Count, evaluated, drifted, share, driftShare, evaluated > 0 && share >= driftShare);
    }

    /// <summary>Evaluates every feature (in parallel, one feature per task) and summarizes.</summary>
    public static (IReadOnlyList<FeatureDriftResult> Features, DatasetDriftResult Dataset) Evaluate(
        IReadOnlyList<FeatureColumns> features, double driftShare = DefaultDriftShare, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(features);
        var results = new FeatureDriftResult[features.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        Parallel.For(0, features.Count, options, i => results[i] = features[i].Evaluate());
        return (results, Summarize(results, driftShare));
    }
}
