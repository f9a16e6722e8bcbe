using System.Globalization;
using MlOpsPortal.Features.Quality.Statistics;

namespace MlOpsPortal.Features.Quality;

/// <summary>Data drift (every feature column) and prediction drift (the prediction column), reference against current.</summary>
public static class DriftCheck
{
    public static CheckOutcome Evaluate(CheckKind kind, SampleTable? reference, SampleTable? current, CheckSuiteSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (reference is null || current is null)
        {
            return CheckOutcome.CannotEvaluate(kind,
                $"no {(reference is null ? "reference" : "current")} sample has been uploaded for this version (POST /api/v1/models/{{key}}/samples).");
        }

        var names = kind == CheckKind.PredictionDrift
            ? [settings.PredictionColumn]
            : reference.Names.Where(n => n != settings.PredictionColumn && !settings.IgnoredColumns.Contains(n)).ToList();
        var missing = names.Where(n => current.Column(n) is null || reference.Column(n) is null).ToList();
        if (kind == CheckKind.PredictionDrift && missing.Count > 0)
        {
            return CheckOutcome.CannotEvaluate(kind, $"the prediction column '{settings.PredictionColumn}' is not in both samples.");
        }

        // Parsing text cells costs as much as the statistics on large samples, so columns are read in parallel too.
        var columns = names.Except(missing).AsParallel().AsOrdered().Select(n => Columns(n, reference.Column(n)!, current.Column(n)!, settings)).ToList();
        if (columns.Count == 0)
        {
            return CheckOutcome.CannotEvaluate(kind, "the reference and current samples have no feature column in common.");
        }

        var (features, dataset) = DatasetDrift.Evaluate(columns, settings.DatasetDriftShare);
        var findings = missing.Select(n => new CheckFinding($"column:{n}", QualityStatus.Warn, $"'{n}' is in the reference sample but not in the current one.")).ToList();
        var status = kind == CheckKind.PredictionDrift
            ? (dataset.DriftedCount > 0 ? QualityStatus.Fail : features.Any(f => f.Warning) ? QualityStatus.Warn : QualityStatus.Pass)
            : dataset.Drifted ? QualityStatus.Fail : dataset.DriftedCount > 0 || features.Any(f => f.Warning) ? QualityStatus.Warn : QualityStatus.Pass;
        status = findings.Count > 0 ? (QualityStatus)Math.Max((int)status, (int)QualityStatus.Warn) : status;
        var summary = kind == CheckKind.PredictionDrift
            ? features[0].Drifted ? $"The predictions drifted ({Explain(features[0])})." : $"The predictions did not drift ({Explain(features[0])})."
            : string.Create(CultureInfo.InvariantCulture,
                $"{dataset.DriftedCount} of {dataset.EvaluatedCount} features drifted ({dataset.DriftedShare:P0}); the dataset drifts from {dataset.DriftShareThreshold:P0}.");
        return new CheckOutcome(kind.ApiName(), status, summary, dataset.DriftedShare, findings, [.. features.Select(ToFinding)]);
    }

    /// <summary>"KS p = 0.003 < 0.05": the deciding test, its figure and its threshold, as people read it.</summary>
    public static string Explain(FeatureFinding feature)
    {
        ArgumentNullException.ThrowIfNull(feature);
        if (feature.Test is null || feature.Threshold is null)
        {
            return feature.Note ?? "not evaluated";
        }

        var title = TestTitle(feature.Test);
        return feature.PValue is { } p
            ? string.Create(CultureInfo.InvariantCulture, $"{title} p = {p:G3} {(p < feature.Threshold ? "<" : "≥")} {feature.Threshold:G3}")
            : string.Create(CultureInfo.InvariantCulture, $"{title} = {feature.Statistic:G3} {(feature.Statistic >= feature.Threshold ? "≥" : "<")} {feature.Threshold:G3}");
    }

    private static string Explain(FeatureDriftResult feature) => Explain(ToFinding(feature));

    public static string TestTitle(string test) => test switch
    {
        "ks" => "Kolmogorov–Smirnov",
        "chiSquare" => "chi-square",
        "wasserstein" => "normalised Wasserstein",
        "jensenShannon" => "Jensen–Shannon distance",
        "psi" => "PSI",
        _ => test,
    };

    private static FeatureColumns Columns(string name, string?[] reference, string?[] current, CheckSuiteSettings settings)
    {
        settings.Features.TryGetValue(name, out var feature);
        var overrides = feature?.DriftTest is not null || feature?.DriftThreshold is not null ? new DriftTestOverride(feature.DriftTest, feature.DriftThreshold) : null;
        var numericReference = feature?.Type switch
        {
            FeatureType.Numeric => ColumnTypeInference.ParseNumeric(reference),
            FeatureType.Categorical => null,
            _ => ColumnTypeInference.TryParseNumeric(reference),
        };
        return numericReference is not null
            ? FeatureColumns.Numeric(name, numericReference, ColumnTypeInference.ParseNumeric(current), overrides)
            : FeatureColumns.Categorical(name, reference, current, overrides);
    }

    private static string? TestName(DriftTest? test) => test switch
    {
        DriftTest.KolmogorovSmirnov => "ks",
        DriftTest.ChiSquare => "chiSquare",
        DriftTest.Wasserstein => "wasserstein",
        DriftTest.JensenShannon => "jensenShannon",
        DriftTest.PopulationStabilityIndex => "psi",
        _ => null,
    };

    private static FeatureFinding ToFinding(FeatureDriftResult f) =>
        new(f.FeatureName, f.FeatureType, TestName(f.Test), f.Statistic, f.PValue, f.Threshold, f.Drifted, f.Warning, f.Statistics,
            f.ReferenceCount, f.CurrentCount, f.ReferenceMissing, f.CurrentMissing, f.Note, f.Distribution);
}
