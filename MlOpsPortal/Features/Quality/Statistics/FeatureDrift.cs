using System.Globalization;

namespace MlOpsPortal.Features.Quality.Statistics;

/// <summary>
/// Per-feature drift with Evidently's default choice of test (DESIGN §10): KS or chi-square up to 1,000
/// reference rows, normalised Wasserstein or Jensen–Shannon above; a numeric feature with at most five distinct
/// reference values is tested as categorical. Every applicable statistic is reported whichever test decides.
/// </summary>
public static class FeatureDrift
{
    /// <summary>Above this many non-missing reference rows the distance tests replace the hypothesis tests.</summary>
    public const int LargeReferenceRows = 1_000;

    /// <summary>A numeric feature with at most this many distinct reference values is tested as categorical.</summary>
    public const int CategoricalUniqueValueLimit = 5;

    /// <summary>PSI at or above this (but below the drift threshold) raises a warning.</summary>
    public const double PsiWarningThreshold = 0.1;

    /// <summary>Chart categories kept before the rest are lumped as "Other".</summary>
    public const int MaxChartCategories = 20;

    /// <summary>The default threshold of each test.</summary>
    public static double DefaultThreshold(DriftTest test) => test switch
    {
        DriftTest.KolmogorovSmirnov or DriftTest.ChiSquare => 0.05,
        DriftTest.Wasserstein or DriftTest.JensenShannon => 0.1,
        DriftTest.PopulationStabilityIndex => 0.2,
        _ => throw new ArgumentOutOfRangeException(nameof(test)),
    };

    /// <summary>The default test for a feature treated as <paramref name="categorical"/> with this many reference rows.</summary>
    public static DriftTest DefaultTest(bool categorical, int referenceCount) =>
        referenceCount <= LargeReferenceRows
            ? (categorical ? DriftTest.ChiSquare : DriftTest.KolmogorovSmirnov)
            : (categorical ? DriftTest.JensenShannon : DriftTest.Wasserstein);

    /// <summary>Drift of a numeric feature; NaN and infinite cells are missing.</summary>
    public static FeatureDriftResult Numeric(string featureName, ReadOnlySpan<double> reference, ReadOnlySpan<double> current, DriftTestOverride? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(featureName);
        ValidateOverride(overrides);
        var referenceSample = NumericSample.Create(reference);
        var currentSample = NumericSample.Create(current);
        var empty = Empty(featureName, FeatureType.Numeric, referenceSample.Count, currentSample.Count, referenceSample.Missing,
            currentSample.Missing, referenceSample.UniqueCount);
        if (MissingDataNote(reference.Length, referenceSample.Count, current.Length, currentSample.Count) is { } note)
        {
            return empty with { Test = overrides?.Test, Threshold = ThresholdOf(overrides?.Test, overrides), Note = note };
        }

        var categorical = referenceSample.UniqueCount <= CategoricalUniqueValueLimit;
        var test = overrides?.Test ?? DefaultTest(categorical, referenceSample.Count);
        var statistics = new Dictionary<string, double>();

        var ks = KolmogorovSmirnov.Test(referenceSample, currentSample);
        Add(statistics, DriftStatisticKeys.Ks, ks.Statistic);
        Add(statistics, DriftStatisticKeys.KsPValue, ks.PValue);
        Add(statistics, DriftStatisticKeys.Wasserstein, Wasserstein.Normalized(referenceSample, currentSample));

        var edges = EqualWidthBins.Edges(referenceSample, currentSample);
        var referenceShares = EqualWidthBins.Shares(EqualWidthBins.CountSorted(referenceSample.Sorted, edges), referenceSample.Count);
        var currentShares = EqualWidthBins.Shares(EqualWidthBins.CountSorted(currentSample.Sorted, edges), currentSample.Count);
        Add(statistics, DriftStatisticKeys.JensenShannon, DistributionDistances.JensenShannon(referenceShares, currentShares));
        Add(statistics, DriftStatisticKeys.Psi, DistributionDistances.PopulationStabilityIndex(referenceShares, currentShares));

        CategoryTable? categories = null;
        if (categorical || test == DriftTest.ChiSquare)
        {
            categories = CategoryTable.From(referenceSample, currentSample);
            if (ChiSquareHomogeneity.Test(categories.ReferenceCounts, categories.CurrentCounts) is { } chi)
            {
                Add(statistics, DriftStatisticKeys.ChiSquare, chi.Statistic);
                Add(statistics, DriftStatisticKeys.ChiSquarePValue, chi.PValue);
            }
        }

        var distribution = categorical && categories is not null
            ? Distribution(categories.Lumped(MaxChartCategories), referenceSample.Count, currentSample.Count)
            : new DriftDistribution(BinLabels(edges), referenceShares, currentShares);

        return Decide(empty with { TreatedAsCategorical = categorical, Distribution = distribution }, test, overrides, statistics);
    }

    /// <summary>Drift of a categorical feature; null and empty cells are missing.</summary>
    public static FeatureDriftResult Categorical(string featureName, IReadOnlyList<string?> reference, IReadOnlyList<string?> current, DriftTestOverride? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(featureName);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        ValidateOverride(overrides);
        var referenceSample = CategoricalSample.Create(reference);
        var currentSample = CategoricalSample.Create(current);
        var empty = Empty(featureName, FeatureType.Categorical, referenceSample.Count, currentSample.Count, referenceSample.Missing,
            currentSample.Missing, referenceSample.UniqueCount);
        if (MissingDataNote(reference.Count, referenceSample.Count, current.Count, currentSample.Count) is { } note)
        {
            return empty with { Test = overrides?.Test, Threshold = ThresholdOf(overrides?.Test, overrides), Note = note };
        }

        var test = overrides?.Test ?? DefaultTest(categorical: true, referenceSample.Count);
        var table = CategoryTable.From(referenceSample, currentSample);
        var referenceShares = EqualWidthBins.Shares(table.ReferenceCounts, referenceSample.Count);
        var currentShares = EqualWidthBins.Shares(table.CurrentCounts, currentSample.Count);
        var statistics = new Dictionary<string, double>();
        if (ChiSquareHomogeneity.Test(table.ReferenceCounts, table.CurrentCounts) is { } chi)
        {
            Add(statistics, DriftStatisticKeys.ChiSquare, chi.Statistic);
            Add(statistics, DriftStatisticKeys.ChiSquarePValue, chi.PValue);
        }

        Add(statistics, DriftStatisticKeys.JensenShannon, DistributionDistances.JensenShannon(referenceShares, currentShares));
        Add(statistics, DriftStatisticKeys.Psi, DistributionDistances.PopulationStabilityIndex(referenceShares, currentShares));

        var distribution = Distribution(table.Lumped(MaxChartCategories), referenceSample.Count, currentSample.Count);
        return Decide(empty with { TreatedAsCategorical = true, Distribution = distribution }, test, overrides, statistics);
    }

    /// <summary>
    /// Drift of a column read as text (CSV/JSON): numeric when both sides parse as numbers
    /// (<see cref="ColumnTypeInference"/>), otherwise categorical on the raw text.
    /// </summary>
    public static FeatureDriftResult FromCells(string featureName, IReadOnlyList<string?> reference, IReadOnlyList<string?> current, DriftTestOverride? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        if (ColumnTypeInference.IsNumeric(reference) && ColumnTypeInference.IsNumeric(current))
        {
            return Numeric(featureName, ColumnTypeInference.ParseNumeric(reference), ColumnTypeInference.ParseNumeric(current), overrides);
        }

        var referenceText = new string?[reference.Count];
        var currentText = new string?[current.Count];
        for (var i = 0; i < reference.Count; i++)
        {
            referenceText[i] = ColumnTypeInference.IsMissing(reference[i]) ? null : reference[i];
        }

        for (var i = 0; i < current.Count; i++)
        {
            currentText[i] = ColumnTypeInference.IsMissing(current[i]) ? null : current[i];
        }

        return Categorical(featureName, referenceText, currentText, overrides);
    }

    private static FeatureDriftResult Decide(FeatureDriftResult partial, DriftTest test, DriftTestOverride? overrides, Dictionary<string, double> statistics)
    {
        var threshold = ThresholdOf(test, overrides)!.Value;
        var result = partial with { Test = test, Threshold = threshold, Statistics = statistics };
        var (statisticKey, pValueKey) = test switch
        {
            DriftTest.KolmogorovSmirnov => (DriftStatisticKeys.Ks, DriftStatisticKeys.KsPValue),
            DriftTest.ChiSquare => (DriftStatisticKeys.ChiSquare, DriftStatisticKeys.ChiSquarePValue),
            DriftTest.Wasserstein => (DriftStatisticKeys.Wasserstein, null),
            DriftTest.JensenShannon => (DriftStatisticKeys.JensenShannon, null),
            _ => (DriftStatisticKeys.Psi, (string?)null),
        };

        if (!statistics.TryGetValue(statisticKey, out var statistic))
        {
            return result with { Note = UnavailableNote(test, partial) };
        }

        if (pValueKey is null)
        {
            var drifted = statistic >= threshold;
            var warning = test == DriftTest.PopulationStabilityIndex && !drifted && statistic >= PsiWarningThreshold;
            return result with { Statistic = statistic, Drifted = drifted, Warning = warning };
        }

        if (!statistics.TryGetValue(pValueKey, out var pValue))
        {
            return result with { Statistic = statistic, Note = "The p-value is undefined for samples this small (one value on each side)." };
        }

        return result with { Statistic = statistic, PValue = pValue, Drifted = pValue < threshold };
    }

    private static string UnavailableNote(DriftTest test, FeatureDriftResult partial) => test switch
    {
        DriftTest.KolmogorovSmirnov or DriftTest.Wasserstein when partial.FeatureType == FeatureType.Categorical =>
            $"{test} needs numeric values; this feature is categorical.",
        DriftTest.ChiSquare => "Chi-square needs at least two distinct values across reference and current; there is only one.",
        _ => $"{test} could not be computed for these values.",
    };

    private static string? MissingDataNote(int referenceRows, int referenceValues, int currentRows, int currentValues)
    {
        if (referenceRows == 0)
        {
            return "The reference column is empty; nothing to compare.";
        }

        if (referenceValues == 0)
        {
            return "Every reference value is missing; nothing to compare.";
        }

        if (currentRows == 0)
        {
            return "The current column is empty; nothing to compare.";
        }

        return currentValues == 0 ? "Every current value is missing; nothing to compare." : null;
    }

    private static double? ThresholdOf(DriftTest? test, DriftTestOverride? overrides) =>
        overrides?.Threshold ?? (test is { } t ? DefaultThreshold(t) : null);

    private static void ValidateOverride(DriftTestOverride? overrides)
    {
        if (overrides?.Threshold is { } threshold && !(double.IsFinite(threshold) && threshold >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(overrides), threshold, "A drift threshold must be a finite, non-negative number.");
        }

        if (overrides?.Test is { } test && !Enum.IsDefined(test))
        {
            throw new ArgumentOutOfRangeException(nameof(overrides), test, "Unknown drift test.");
        }
    }

    private static void Add(Dictionary<string, double> statistics, string key, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            statistics[key] = v;
        }
    }

    private static DriftDistribution Distribution(CategoryTable table, int referenceCount, int currentCount) =>
        new(table.Labels, EqualWidthBins.Shares(table.ReferenceCounts, referenceCount), EqualWidthBins.Shares(table.CurrentCounts, currentCount));

    /// <summary>
    /// "[0.022, 0.119)": each edge with the decimals the bins' width needs for two significant digits (at most ten), so
    /// neighbouring labels differ and stay short under a chart (six significant digits made "[0.11918, 0.21636)").
    /// </summary>
    internal static string[] BinLabels(double[] edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        var width = edges.Length > 1 ? edges[1] - edges[0] : 0;
        var decimals = width > 0 && double.IsFinite(width) ? Math.Clamp((int)Math.Ceiling(-Math.Log10(width)) + 1, 0, 10) : 6;
        var format = decimals == 0 ? "0" : "0." + new string('#', decimals);
        var labels = new string[edges.Length - 1];
        for (var b = 0; b < labels.Length; b++)
        {
            var close = b == labels.Length - 1 ? "]" : ")";
            labels[b] = $"[{edges[b].ToString(format, CultureInfo.InvariantCulture)}, {edges[b + 1].ToString(format, CultureInfo.InvariantCulture)}{close}";
        }

        return labels;
    }

    /// <summary>A result with the counts and nothing computed yet: the start of every verdict.</summary>
    private static FeatureDriftResult Empty(
        string featureName, FeatureType type, int referenceCount, int currentCount, int referenceMissing, int currentMissing, int referenceUnique) =>
        new()
        {
            FeatureName = featureName,
            FeatureType = type,
            Statistics = new Dictionary<string, double>(),
            ReferenceCount = referenceCount,
            CurrentCount = currentCount,
            ReferenceMissing = referenceMissing,
            CurrentMissing = currentMissing,
            ReferenceUniqueCount = referenceUnique,
        };
}
