using MlOpsPortal.Features.Quality.Statistics;

namespace MlOpsPortal.Features.Quality;

/// <summary>What a suite says about one feature: its type, its drift test and threshold, its allowed range.</summary>
public sealed class FeatureSettings
{
    public FeatureType? Type { get; set; }
    public DriftTest? DriftTest { get; set; }
    public double? DriftThreshold { get; set; }
    public double? Min { get; set; }
    public double? Max { get; set; }
}

/// <summary>The thresholds of a check suite, stored as one JSON column. Defaults are the portal's recommendations.</summary>
public sealed class CheckSuiteSettings
{
    /// <summary>The dataset drifts when at least this share of its features drift (DESIGN.md §10).</summary>
    public double DatasetDriftShare { get; set; } = 0.5;

    /// <summary>The column holding the model's output: prediction drift looks at it, data drift leaves it out.</summary>
    public string PredictionColumn { get; set; } = "prediction";

    /// <summary>Columns that never count as features (ids, targets).</summary>
    public List<string> IgnoredColumns { get; set; } = [];

    public Dictionary<string, FeatureSettings> Features { get; set; } = [];

    /// <summary>Warn above this share of missing cells in a column; fail above twice it.</summary>
    public double MaxMissingShare { get; set; } = 0.05;

    /// <summary>Warn above this share of duplicated rows.</summary>
    public double MaxDuplicateShare { get; set; } = 0.01;

    public int? ExpectedMinRows { get; set; } = 100;
    public int? ExpectedMaxRows { get; set; }

    /// <summary>The current sample must be younger than this.</summary>
    public int MaxSampleAgeHours { get; set; } = 48;

    /// <summary>Model performance: the environment whose live metrics are judged.</summary>
    public string Environment { get; set; } = "production";

    public int MinDocumentationPercent { get; set; } = 80;

    public int MaxFailedTests { get; set; }
    public double MinCoveragePercent { get; set; } = 70;
    public int MaxLintWarnings { get; set; } = 50;
    public int MaxCriticalVulnerabilities { get; set; }
    public int MaxHighVulnerabilities { get; set; }
}
