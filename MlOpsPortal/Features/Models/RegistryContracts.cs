using MlOpsPortal.Infrastructure.Architecture;

namespace MlOpsPortal.Features.Models;

// What callers (pages and the /api/v1 endpoints) send to and get from the registry. JSON is camelCase.

public sealed record ModelInput(
    string? Key, string? DisplayName, string? Description, string? Owner, string? BusinessUnit, string? UseCase,
    RiskTier? RiskTier, IReadOnlyList<string>? Tags);

[FeatureContract]
public sealed record ModelQuery
{
    public const int MaxPageSize = 200;
    public string? Search { get; init; }
    public RiskTier? RiskTier { get; init; }
    public string? BusinessUnit { get; init; }
    public string? Owner { get; init; }
    public string? Tag { get; init; }
    public ModelSort SortBy { get; init; } = ModelSort.UpdatedAt;
    public bool Descending { get; init; } = true;
    public int PageIndex { get; init; }
    public int PageSize { get; init; } = 25;
}

[FeatureContract]
public enum ModelSort
{
    Key,
    DisplayName,
    Owner,
    BusinessUnit,
    RiskTier,
    LatestVersion,
    UpdatedAt,
}

[FeatureContract]
public sealed record ModelSummary(
    string Key, string DisplayName, string Description, string Owner, string BusinessUnit, string UseCase, RiskTier RiskTier,
    IReadOnlyList<string> Tags, int LatestVersion, string CreatedBy, DateTime CreatedAtUtc, string UpdatedBy, DateTime UpdatedAtUtc,
    bool KeyFollowsNamingRule);

public sealed record DatasetRef(string? Dataset, string? Version, DatasetRole? Role);

public sealed record VersionInput(
    string? Framework, string? ArtifactUri, string? ArtifactSha256, string? SourceRepository, string? SourceCommit,
    string? PipelineRunUrl, IReadOnlyList<DatasetRef>? Datasets,
    [property: System.Text.Json.Serialization.JsonConverter(typeof(MlOpsPortal.Infrastructure.Api.ScalarsAsStringsConverter))] IReadOnlyDictionary<string, string>? Hyperparameters,
    IReadOnlyDictionary<string, double>? TrainingMetrics, ModelCard? ModelCard);

[FeatureContract]
public sealed record LinkedDataset(string Dataset, string Version, DatasetRole Role);

[FeatureContract]
public sealed record VersionDetails(
    string Model, int Version, string Framework, string ArtifactUri, string ArtifactSha256, string SourceRepository,
    string SourceCommit, string? PipelineRunUrl, IReadOnlyList<LinkedDataset> Datasets, IReadOnlyDictionary<string, string> Hyperparameters,
    IReadOnlyDictionary<string, double> TrainingMetrics, ModelCard ModelCard, int DocumentationPercent,
    IReadOnlyList<CardSection> MissingSections, CiEvidenceView? LatestCiEvidence, string CreatedBy, DateTime CreatedAtUtc);

/// <summary>A model as a portfolio report counts it; documentation is null when no version is registered.</summary>
[FeatureContract]
public sealed record PortfolioModel(
    int Id, string Key, string DisplayName, string Owner, string BusinessUnit, RiskTier RiskTier, DateTime CreatedAtUtc, int LatestVersion,
    int? DocumentationPercent, IReadOnlyList<CardSection> MissingSections);

[FeatureContract]
public sealed record ModelDetails(ModelSummary Model, IReadOnlyList<VersionDetails> Versions);

public sealed record DatasetInput(string? Key, string? Description, string? Owner);

public sealed record DatasetVersionInput(
    string? Version, string? Location, string? Sha256, long? RowCount, IReadOnlyList<DatasetColumn>? Schema,
    [property: System.Text.Json.Serialization.JsonConverter(typeof(DatasetVersionRefConverter))] DatasetVersionRef? DerivedFrom = null);

/// <summary>
/// A dataset version named by another: <c>{"dataset": "raw", "label": "2026-11-01"}</c> or <c>"raw@2026-11-01"</c>.
/// </summary>
public sealed record DatasetVersionRef(string? Dataset, string? Label)
{
    public override string ToString() => $"{Dataset}@{Label}";
}

/// <param name="DerivedFrom">The upstream dataset version as <c>dataset@label</c>, if the producer named one.</param>
public sealed record DatasetVersionView(
    string Dataset, string Version, string Location, string Sha256, long RowCount, IReadOnlyList<DatasetColumn> Schema,
    string CreatedBy, DateTime CreatedAtUtc, int UsedByModelVersions, DatasetVersionRef? DerivedFrom = null);

public sealed record DatasetSummary(
    string Key, string Description, string Owner, string CreatedBy, DateTime CreatedAtUtc, int VersionCount,
    DateTime? LatestVersionAtUtc, bool KeyFollowsNamingRule);

public sealed record DatasetDetails(DatasetSummary Dataset, IReadOnlyList<DatasetVersionView> Versions);

public sealed record DatasetQuery
{
    public string? Search { get; init; }
    public int PageIndex { get; init; }
    public int PageSize { get; init; } = 25;
}

[FeatureContract]
public sealed record VulnerabilityCounts(int Critical, int High, int Medium, int Low);

/// <summary>
/// Vulnerability counts as a pipeline sends them: each one must be given (0 when none were found), so an empty
/// object is refused rather than read as a clean scan.
/// </summary>
public sealed record VulnerabilityCountsInput(int? Critical, int? High, int? Medium, int? Low)
{
    public static implicit operator VulnerabilityCountsInput?(VulnerabilityCounts? counts) => FromCounts(counts);

    public static VulnerabilityCountsInput? FromCounts(VulnerabilityCounts? counts) =>
        counts is null ? null : new(counts.Critical, counts.High, counts.Medium, counts.Low);
}

public sealed record CiEvidenceInput(
    int? TestsPassed, int? TestsFailed, double? CoveragePercent, int? LintWarnings, VulnerabilityCountsInput? Vulnerabilities, string? PipelineRunUrl);

[FeatureContract]
public sealed record CiEvidenceView(
    int TestsPassed, int TestsFailed, double CoveragePercent, int LintWarnings, VulnerabilityCounts Vulnerabilities,
    string? PipelineRunUrl, string RecordedBy, DateTime RecordedAtUtc);

/// <param name="Href">Where the node leads; empty when there is nowhere to go (a commit in a repository that is not a web address).</param>
/// <param name="Detail">A second fact under the label: a deployment's state, a commit's repository, a run's host.</param>
[FeatureContract]
public sealed record LineageNode(string Id, string Kind, string Label, string Href, string? Detail = null);

[FeatureContract]
public sealed record LineageEdge(string From, string To, string Kind);

[FeatureContract]
public sealed record LineageGraph(IReadOnlyList<LineageNode> Nodes, IReadOnlyList<LineageEdge> Edges)
{
    public const string ModelVersionKind = "modelVersion";

    /// <summary>A dataset version; drawn on the left, feeding the model versions that used it.</summary>
    public const string DatasetVersionKind = "datasetVersion";

    /// <summary>An environment a version runs in (or is requested for); drawn to the version's right.</summary>
    public const string EnvironmentKind = "environment";
    public const string DeployedToEdge = "deployedTo";

    /// <summary>A request for an environment that is not deployed yet (awaiting approval, or approved).</summary>
    public const string RequestedForEdge = "requestedFor";

    /// <summary>The source commit a version (or its pipeline run) was built from.</summary>
    public const string CommitKind = "commit";

    /// <summary>A CI/CD pipeline run that produced or checked a version.</summary>
    public const string PipelineRunKind = "pipelineRun";

    /// <summary>Commit → pipeline run, or commit → version when no run is known.</summary>
    public const string SourceEdge = "sourceOf";

    /// <summary>The pipeline run that registered the version.</summary>
    public const string ProducedEdge = "produced";

    /// <summary>A pipeline run that reported CI evidence of the version.</summary>
    public const string CheckedEdge = "checked";

    /// <summary>Upstream dataset version → the dataset version derived from it.</summary>
    public const string DerivedEdge = "derivedInto";

    /// <summary>How far upstream dataset derivations are followed.</summary>
    public const int MaxUpstreamDepth = 5;
}

public sealed record RegistrySettingsInput(string? ModelKeyPattern, string? DatasetKeyPattern, IReadOnlyList<CardSection>? RequiredCardSections);

[FeatureContract]
public sealed record FlaggedKey(string Kind, string Key, string Rule);
