namespace MlOpsPortal.Features.Quality.Statistics;

/// <summary>How a feature's values are compared.</summary>
public enum FeatureType
{
    Numeric,
    Categorical,
}

/// <summary>The statistic whose threshold decides whether a feature drifted.</summary>
public enum DriftTest
{
    /// <summary>Two-sample Kolmogorov–Smirnov; drift when p &lt; threshold.</summary>
    KolmogorovSmirnov,

    /// <summary>Chi-square test of homogeneity; drift when p &lt; threshold.</summary>
    ChiSquare,

    /// <summary>Normalised Wasserstein-1 distance; drift when ≥ threshold.</summary>
    Wasserstein,

    /// <summary>Jensen–Shannon distance; drift when ≥ threshold.</summary>
    JensenShannon,

    /// <summary>Population stability index; drift when ≥ threshold.</summary>
    PopulationStabilityIndex,
}

/// <summary>Per-feature choice of test and threshold instead of the defaults.</summary>
public sealed record DriftTestOverride(DriftTest? Test = null, double? Threshold = null);

/// <summary>Shares per bin or category, for a chart of reference against current.</summary>
public sealed record DriftDistribution(IReadOnlyList<string> Labels, IReadOnlyList<double> ReferenceShares, IReadOnlyList<double> CurrentShares);

/// <summary>The keys of <see cref="FeatureDriftResult.Statistics"/>.</summary>
public static class DriftStatisticKeys
{
    public const string Ks = "ks";
    public const string KsPValue = "ksPValue";
    public const string Wasserstein = "wasserstein";
    public const string JensenShannon = "jensenShannon";
    public const string Psi = "psi";
    public const string ChiSquare = "chiSquare";
    public const string ChiSquarePValue = "chiSquarePValue";
}

/// <summary>
/// One feature's drift verdict. Every number is finite: statistics that cannot be computed are left out of
/// <see cref="Statistics"/> (and <see cref="Note"/> says why), so the result serialises to JSON as is.
/// </summary>
public sealed record FeatureDriftResult
{
    public required string FeatureName { get; init; }

    public required FeatureType FeatureType { get; init; }

    /// <summary>True when a numeric feature has so few distinct reference values that it is tested as categorical.</summary>
    public bool TreatedAsCategorical { get; init; }

    /// <summary>The deciding test; null when the columns hold nothing to compare.</summary>
    public DriftTest? Test { get; init; }

    /// <summary>The deciding test's statistic; null when it could not be computed.</summary>
    public double? Statistic { get; init; }

    /// <summary>The p-value for KS and chi-square; null for distance tests.</summary>
    public double? PValue { get; init; }

    public double? Threshold { get; init; }

    public bool Drifted { get; init; }

    /// <summary>PSI between the warning level (0.1) and the drift threshold.</summary>
    public bool Warning { get; init; }

    public required IReadOnlyDictionary<string, double> Statistics { get; init; }

    public int ReferenceCount { get; init; }

    public int CurrentCount { get; init; }

    public int ReferenceMissing { get; init; }

    public int CurrentMissing { get; init; }

    public int ReferenceUniqueCount { get; init; }

    public DriftDistribution? Distribution { get; init; }

    /// <summary>Why the verdict is missing or partial; null when everything was computed.</summary>
    public string? Note { get; init; }
}
