using Microsoft.EntityFrameworkCore;

namespace MlOpsPortal.Features.Models;

/// <summary>How the registry shows its models and versions to callers: one mapping for every service that returns them.</summary>
internal static class RegistryViews
{
    /// <summary>Versions with what <see cref="ToDetails"/> shows of them: the dataset versions they used and their CI evidence.</summary>
    public static IQueryable<ModelVersion> WithDetails(this IQueryable<ModelVersion> versions) =>
        versions
            .Include(v => v.Datasets).ThenInclude(l => l.DatasetVersion!).ThenInclude(d => d.Dataset)
            .Include(v => v.CiEvidence)
            .AsSplitQuery();

    public static ModelSummary ToSummary(Model m, RegistrySettings settings) => new(
        m.Key, m.DisplayName, m.Description, m.Owner, m.BusinessUnit, m.UseCase, m.RiskTier, m.Tags, m.LatestVersion,
        m.CreatedBy, m.CreatedAtUtc, m.UpdatedBy, m.UpdatedAtUtc, NamingRules.Matches(m.Key, settings.ModelKeyPattern));

    public static VersionDetails ToDetails(string modelKey, ModelVersion v, RegistrySettings settings)
    {
        var completeness = DocumentationCompleteness.Of(v.Card, settings.RequiredCardSections);
        var latestEvidence = v.CiEvidence.OrderByDescending(e => e.RecordedAtUtc).ThenByDescending(e => e.Id).FirstOrDefault();
        return new VersionDetails(
            modelKey, v.Number, v.Framework, v.ArtifactUri, v.ArtifactSha256, v.SourceRepository, v.SourceCommit, v.PipelineRunUrl,
            // In the order they were linked: a database returns included rows in no set order (PostgreSQL's varies with its heap).
            [.. v.Datasets.OrderBy(l => l.Id).Select(l => new LinkedDataset(l.DatasetVersion?.Dataset?.Key ?? "?", l.DatasetVersion?.Label ?? "?", l.Role))],
            v.Hyperparameters, v.TrainingMetrics, v.Card, completeness.Percent, completeness.Missing,
            latestEvidence is null ? null : ToView(latestEvidence), v.CreatedBy, v.CreatedAtUtc);
    }

    public static CiEvidenceView ToView(CiEvidence e) => new(
        e.TestsPassed, e.TestsFailed, e.CoveragePercent, e.LintWarnings,
        new VulnerabilityCounts(e.VulnerabilitiesCritical, e.VulnerabilitiesHigh, e.VulnerabilitiesMedium, e.VulnerabilitiesLow),
        e.PipelineRunUrl, e.RecordedBy, e.RecordedAtUtc);
}
