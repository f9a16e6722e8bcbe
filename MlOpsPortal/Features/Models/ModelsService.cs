using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Models;

/// <summary>
/// The model registry: models, versions, datasets, lineage, cards and CI evidence. Pages and the API both come here;
/// every write checks the caller's rights again and records an audit event in the same save.
/// </summary>
public sealed partial class ModelsService(
    IDbContextFactory<PortalDbContext> dbFactory,
    IAuthorizationService authorization,
    TimeProvider clock)
{
    // Racing pipelines collide on a version number or key at most this many times before giving up.
    private const int MaxNumberAttempts = 50;

    /// <summary>Keys that would collide with the registry's own pages under /models/.</summary>
    private static readonly HashSet<string> ReservedModelKeys = new(StringComparer.OrdinalIgnoreCase) { "settings", "new" };

    public async Task<Page<ModelSummary>> ListModelsAsync(ModelQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = Math.Clamp(query.PageSize, 1, ModelQuery.MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await SettingsAsync(db, cancellationToken);
        var models = db.Models.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var like = LikePattern(query.Search.Trim().ToLowerInvariant());
            models = models.Where(m => EF.Functions.Like(m.SearchText, like, "\\"));
        }

        if (query.RiskTier is { } tier)
        {
            models = models.Where(m => m.RiskTier == tier);
        }

        if (!string.IsNullOrWhiteSpace(query.BusinessUnit))
        {
            models = models.Where(m => m.BusinessUnit == query.BusinessUnit);
        }

        if (!string.IsNullOrWhiteSpace(query.Owner))
        {
            models = models.Where(m => m.Owner == query.Owner);
        }

        if (!string.IsNullOrWhiteSpace(query.Tag))
        {
            models = models.Where(m => m.Tags.Contains(query.Tag));
        }

        var total = await models.CountAsync(cancellationToken);
        var page = await Sort(models, query.SortBy, query.Descending)
            .Skip(Math.Max(query.PageIndex, 0) * pageSize)
            .Take(pageSize)
            .ToListAsync(cancellationToken);
        return new Page<ModelSummary>([.. page.Select(m => ToSummary(m, settings))], total, query.PageIndex, pageSize);
    }

    /// <summary>Distinct business units and owners, for the list's filters.</summary>
    public async Task<(IReadOnlyList<string> BusinessUnits, IReadOnlyList<string> Owners)> ModelFacetsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var units = await db.Models.Select(m => m.BusinessUnit).Distinct().OrderBy(u => u).ToListAsync(cancellationToken);
        var owners = await db.Models.Select(m => m.Owner).Distinct().OrderBy(o => o).ToListAsync(cancellationToken);
        return (units, owners);
    }

    public async Task<ModelDetails?> GetModelAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.Key == key, cancellationToken);
        if (model is null)
        {
            return null;
        }

        var settings = await SettingsAsync(db, cancellationToken);
        var versions = await VersionsQuery(db).Where(v => v.ModelId == model.Id).OrderByDescending(v => v.Number).ToListAsync(cancellationToken);
        return new ModelDetails(ToSummary(model, settings), [.. versions.Select(v => ToDetails(model.Key, v, settings))]);
    }

    public async Task<ModelSummary> CreateModelAsync(ClaimsPrincipal user, ModelInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await authorization.EnsureAsync(user, Policies.WriteRegistry);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await SettingsAsync(db, cancellationToken);
        var errors = ValidateModel(input);
        errors.Required("key", input.Key, "Key");
        errors.Identifier("key", input.Key, "Key");
        if (!string.IsNullOrWhiteSpace(input.Key) && !NamingRules.Matches(input.Key, settings.ModelKeyPattern))
        {
            errors.Add("key", NamingRules.Violation("model", input.Key, settings.ModelKeyPattern));
        }

        errors.MaxLength("key", input.Key, Model.KeyMaxLength, "Key");
        if (ReservedModelKeys.Contains(input.Key ?? string.Empty))
        {
            errors.Add("key", $"'{input.Key}' names a portal page (/models/{input.Key}); choose another key.");
        }

        errors.ThrowIfAny();
        var now = clock.GetUtcNow().UtcDateTime;
        var actor = AuditActor.From(user);
        var model = new Model
        {
            Key = input.Key!,
            CreatedBy = actor.Name,
            CreatedAtUtc = now,
            UpdatedBy = actor.Name,
            UpdatedAtUtc = now,
            DisplayName = string.Empty,
            Owner = string.Empty,
            BusinessUnit = string.Empty,
        };
        Apply(model, input);
        db.Models.Add(model);
        db.AddAuditEvent(actor, "model.created", nameof(Model), model.Key, new { after = ToSummary(model, settings) });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex, "Models", "Key"))
        {
            throw new PortalConflictException($"A model with the key '{input.Key}' already exists.");
        }

        return ToSummary(model, settings);
    }

    public async Task<ModelSummary> UpdateModelAsync(ClaimsPrincipal user, string key, ModelInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await authorization.EnsureAsync(user, Policies.WriteRegistry);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await SettingsAsync(db, cancellationToken);
        var model = await db.Models.SingleOrDefaultAsync(m => m.Key == key, cancellationToken)
            ?? throw new PortalNotFoundException($"There is no model with the key '{key}'.");
        ValidateModel(input).ThrowIfAny();
        var before = ToSummary(model, settings);
        Apply(model, input);
        var actor = AuditActor.From(user);
        model.UpdatedBy = actor.Name;
        model.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        var after = ToSummary(model, settings);
        db.AddAuditEvent(actor, "model.updated", nameof(Model), model.Key, new { before, after });
        await db.SaveChangesAsync(cancellationToken);
        return after;
    }

    public async Task<VersionDetails> RegisterVersionAsync(ClaimsPrincipal user, string key, VersionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await authorization.EnsureAsync(user, Policies.WriteRegistry);
        var actor = AuditActor.From(user);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var settings = await SettingsAsync(db, cancellationToken);
            var model = await db.Models.SingleOrDefaultAsync(m => m.Key == key, cancellationToken)
                ?? throw new PortalNotFoundException($"There is no model with the key '{key}'.");
            var links = await ResolveDatasetsAsync(db, input, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var number = 1 + (await db.ModelVersions.Where(v => v.ModelId == model.Id).MaxAsync(v => (int?)v.Number, cancellationToken) ?? 0);
            var version = new ModelVersion
            {
                ModelId = model.Id,
                Number = number,
                Framework = input.Framework!.Trim(),
                ArtifactUri = input.ArtifactUri!.Trim(),
                ArtifactSha256 = input.ArtifactSha256!.Trim().ToLowerInvariant(),
                SourceRepository = input.SourceRepository?.Trim() ?? string.Empty,
                SourceCommit = input.SourceCommit?.Trim() ?? string.Empty,
                PipelineRunUrl = string.IsNullOrWhiteSpace(input.PipelineRunUrl) ? null : input.PipelineRunUrl.Trim(),
                Hyperparameters = input.Hyperparameters?.ToDictionary() ?? [],
                TrainingMetrics = input.TrainingMetrics?.ToDictionary() ?? [],
                Card = input.ModelCard ?? new ModelCard(),
                CreatedBy = actor.Name,
                CreatedById = actor.Id,
                CreatedAtUtc = now,
                Datasets = links,
            };
            db.ModelVersions.Add(version);
            model.LatestVersion = Math.Max(model.LatestVersion, number);
            model.UpdatedAtUtc = now;
            model.UpdatedBy = actor.Name;
            var details = ToDetails(model.Key, version, settings);
            db.AddAuditEvent(actor, "model-version.registered", nameof(ModelVersion), $"{model.Key}/{number}", new { after = details });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return details;
            }
            catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex, "ModelVersions", "ModelId", "Number") && attempt < MaxNumberAttempts)
            {
                // Another pipeline took this number a moment ago; take the next one.
            }
        }
    }

    public async Task<VersionDetails?> GetVersionAsync(string key, int number, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await SettingsAsync(db, cancellationToken);
        var version = await VersionsQuery(db).SingleOrDefaultAsync(v => v.Model!.Key == key && v.Number == number, cancellationToken);
        return version is null ? null : ToDetails(key, version, settings);
    }

    public async Task<CiEvidenceView> RecordCiEvidenceAsync(
        ClaimsPrincipal user, string key, int number, CiEvidenceInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await authorization.EnsureAsync(user, Policies.WriteRegistry);
        var errors = new FieldErrors();
        NonNegative(errors, "testsPassed", input.TestsPassed, "Tests passed");
        NonNegative(errors, "testsFailed", input.TestsFailed, "Tests failed");
        NonNegative(errors, "lintWarnings", input.LintWarnings, "Lint warnings");
        if (input.CoveragePercent is not { } coverage || coverage is < 0 or > 100 || !double.IsFinite(coverage))
        {
            errors.Add("coveragePercent", "Coverage percent is required, between 0 and 100.");
        }

        var v = input.Vulnerabilities;
        if (v is null)
        {
            errors.Add("vulnerabilities", "Vulnerabilities {critical, high, medium, low} are required (use zeros when none were found).");
        }
        else
        {
            foreach (var (field, count) in new[] { ("critical", v.Critical), ("high", v.High), ("medium", v.Medium), ("low", v.Low) })
            {
                if (count is not >= 0)
                {
                    errors.Add($"vulnerabilities.{field}", $"vulnerabilities.{field} is required and cannot be negative (use 0 when none were found).");
                }
            }
        }

        errors.AbsoluteUri("pipelineRunUrl", input.PipelineRunUrl, "Pipeline run URL", FieldErrors.WebSchemes);
        errors.MaxLength("pipelineRunUrl", input.PipelineRunUrl, 2000, "Pipeline run URL");
        errors.ThrowIfAny();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var versionId = await db.ModelVersions.Where(x => x.Model!.Key == key && x.Number == number).Select(x => (int?)x.Id).SingleOrDefaultAsync(cancellationToken)
            ?? throw new PortalNotFoundException($"Model '{key}' has no version {number}.");
        var actor = AuditActor.From(user);
        var evidence = new CiEvidence
        {
            ModelVersionId = versionId,
            TestsPassed = input.TestsPassed!.Value,
            TestsFailed = input.TestsFailed!.Value,
            CoveragePercent = input.CoveragePercent!.Value,
            LintWarnings = input.LintWarnings!.Value,
            VulnerabilitiesCritical = v!.Critical!.Value,
            VulnerabilitiesHigh = v.High!.Value,
            VulnerabilitiesMedium = v.Medium!.Value,
            VulnerabilitiesLow = v.Low!.Value,
            PipelineRunUrl = input.PipelineRunUrl,
            RecordedBy = actor.Name,
            RecordedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.CiEvidence.Add(evidence);
        var view = ToView(evidence);
        db.AddAuditEvent(actor, "ci-evidence.recorded", nameof(ModelVersion), $"{key}/{number}", new { after = view });
        await db.SaveChangesAsync(cancellationToken);
        return view;
    }


    private static FieldErrors ValidateModel(ModelInput input)
    {
        var errors = new FieldErrors();
        errors.Required("displayName", input.DisplayName, "Display name");
        errors.MaxLength("displayName", input.DisplayName, 200, "Display name");
        errors.MaxLength("description", input.Description, 4000, "Description");
        errors.Required("owner", input.Owner, "Owner");
        errors.MaxLength("owner", input.Owner, 200, "Owner");
        errors.Required("businessUnit", input.BusinessUnit, "Business unit");
        errors.MaxLength("businessUnit", input.BusinessUnit, 100, "Business unit");
        errors.MaxLength("useCase", input.UseCase, 1000, "Use case");
        if (input.RiskTier is null)
        {
            errors.Add("riskTier", "Risk tier is required: Low, Medium, High or Critical.");
        }

        if (input.Tags?.Count > 20)
        {
            errors.Add("tags", $"At most 20 tags; there are {input.Tags.Count}.");
        }

        foreach (var tag in input.Tags ?? [])
        {
            if (string.IsNullOrWhiteSpace(tag) || tag.Length > 50)
            {
                errors.Add("tags", $"Tag '{tag}' must be 1 to 50 characters.");
            }
        }

        return errors;
    }

    private static void Apply(Model model, ModelInput input)
    {
        model.DisplayName = input.DisplayName!.Trim();
        model.Description = input.Description?.Trim() ?? string.Empty;
        model.Owner = input.Owner!.Trim();
        model.BusinessUnit = input.BusinessUnit!.Trim();
        model.UseCase = input.UseCase?.Trim() ?? string.Empty;
        model.RiskTier = input.RiskTier!.Value;
        model.Tags = [.. (input.Tags ?? []).Select(t => t.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)];
        model.RefreshSearchText();
    }

    /// <summary>Validates a version request and resolves its dataset references; nothing is written when any is unknown.</summary>
    private static async Task<List<LineageLink>> ResolveDatasetsAsync(PortalDbContext db, VersionInput input, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        errors.Required("framework", input.Framework, "Framework");
        errors.MaxLength("framework", input.Framework, 100, "Framework");
        errors.Required("artifactUri", input.ArtifactUri, "Artifact URI");
        errors.AbsoluteUri("artifactUri", input.ArtifactUri, "Artifact URI");
        errors.MaxLength("artifactUri", input.ArtifactUri, 2000, "Artifact URI");
        errors.Required("artifactSha256", input.ArtifactSha256, "Artifact SHA-256");
        errors.Sha256("artifactSha256", input.ArtifactSha256, "Artifact SHA-256");
        errors.AbsoluteUri("pipelineRunUrl", input.PipelineRunUrl, "Pipeline run URL", FieldErrors.WebSchemes);
        errors.MaxLength("pipelineRunUrl", input.PipelineRunUrl, 2000, "Pipeline run URL");
        errors.AbsoluteUri("sourceRepository", input.SourceRepository, "Source repository", FieldErrors.WebSchemes);
        errors.MaxLength("sourceRepository", input.SourceRepository, 2000, "Source repository");
        errors.MaxLength("sourceCommit", input.SourceCommit, 64, "Source commit");
        errors.Identifier("sourceCommit", input.SourceCommit, "Source commit");
        foreach (var (name, value) in input.Hyperparameters ?? new Dictionary<string, string>())
        {
            if (name.Length > 200 || value?.Length > 2000)
            {
                errors.Add("hyperparameters", $"Hyperparameter '{name[..Math.Min(name.Length, 50)]}' is too long (names up to 200, values up to 2,000 characters).");
            }
        }
        foreach (var (name, value) in input.TrainingMetrics ?? new Dictionary<string, double>())
        {
            if (!double.IsFinite(value))
            {
                errors.Add("trainingMetrics", $"Training metric '{name}' must be a finite number.");
            }
        }

        var links = new List<LineageLink>();
        var references = input.Datasets ?? [];
        for (var i = 0; i < references.Count; i++)
        {
            var reference = references[i];
            if (reference is null || string.IsNullOrWhiteSpace(reference.Dataset) || string.IsNullOrWhiteSpace(reference.Version) || reference.Role is null)
            {
                errors.Add($"datasets[{i}]", "Each dataset needs dataset, version and role (training, validation or test).");
                continue;
            }

            if (IdentifierRule.Problem(reference.Dataset, "Dataset") is not null || IdentifierRule.Problem(reference.Version, "Dataset version") is not null)
            {
                errors.Identifier($"datasets[{i}].dataset", reference.Dataset, "Dataset");
                errors.Identifier($"datasets[{i}].version", reference.Version, "Dataset version");
                continue;
            }

            var datasetVersion = await db.DatasetVersions.Include(v => v.Dataset)
                .SingleOrDefaultAsync(v => v.Dataset!.Key == reference.Dataset && v.Label == reference.Version, cancellationToken);
            if (datasetVersion is null)
            {
                errors.Add($"datasets[{i}]", $"Dataset '{reference.Dataset}' has no version '{reference.Version}'. Register it first with POST /api/v1/datasets/{reference.Dataset}/versions.");
            }
            else if (!links.Any(l => l.DatasetVersionId == datasetVersion.Id && l.Role == reference.Role))
            {
                links.Add(new LineageLink { DatasetVersionId = datasetVersion.Id, DatasetVersion = datasetVersion, Role = reference.Role.Value });
            }
        }

        errors.ThrowIfAny();
        return links;
    }

    private static void NonNegative(FieldErrors errors, string field, int? value, string label)
    {
        if (value is not >= 0)
        {
            errors.Add(field, $"{label} is required and cannot be negative.");
        }
    }

    private static IQueryable<ModelVersion> VersionsQuery(PortalDbContext db) =>
        db.ModelVersions.AsNoTracking()
            .Include(v => v.Datasets).ThenInclude(l => l.DatasetVersion!).ThenInclude(d => d.Dataset)
            .Include(v => v.CiEvidence)
            .AsSplitQuery();

    private static IQueryable<Model> Sort(IQueryable<Model> models, ModelSort sort, bool descending) => (sort, descending) switch
    {
        (ModelSort.Key, false) => models.OrderBy(m => m.Key),
        (ModelSort.Key, true) => models.OrderByDescending(m => m.Key),
        (ModelSort.DisplayName, false) => models.OrderBy(m => m.DisplayName).ThenBy(m => m.Key),
        (ModelSort.DisplayName, true) => models.OrderByDescending(m => m.DisplayName).ThenBy(m => m.Key),
        (ModelSort.Owner, false) => models.OrderBy(m => m.Owner).ThenBy(m => m.Key),
        (ModelSort.Owner, true) => models.OrderByDescending(m => m.Owner).ThenBy(m => m.Key),
        (ModelSort.BusinessUnit, false) => models.OrderBy(m => m.BusinessUnit).ThenBy(m => m.Key),
        (ModelSort.BusinessUnit, true) => models.OrderByDescending(m => m.BusinessUnit).ThenBy(m => m.Key),
        // Stored as text, so order by severity explicitly rather than alphabetically.
        (ModelSort.RiskTier, false) => models.OrderBy(m => m.RiskTier == RiskTier.Low ? 0 : m.RiskTier == RiskTier.Medium ? 1 : m.RiskTier == RiskTier.High ? 2 : 3).ThenBy(m => m.Key),
        (ModelSort.RiskTier, true) => models.OrderByDescending(m => m.RiskTier == RiskTier.Low ? 0 : m.RiskTier == RiskTier.Medium ? 1 : m.RiskTier == RiskTier.High ? 2 : 3).ThenBy(m => m.Key),
        (ModelSort.LatestVersion, false) => models.OrderBy(m => m.LatestVersion).ThenBy(m => m.Key),
        (ModelSort.LatestVersion, true) => models.OrderByDescending(m => m.LatestVersion).ThenBy(m => m.Key),
        (_, false) => models.OrderBy(m => m.UpdatedAtUtc).ThenBy(m => m.Key),
        _ => models.OrderByDescending(m => m.UpdatedAtUtc).ThenBy(m => m.Key),
    };

    private static string LikePattern(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal) + "%";

    private static ModelSummary ToSummary(Model m, RegistrySettings settings) => new(
        m.Key, m.DisplayName, m.Description, m.Owner, m.BusinessUnit, m.UseCase, m.RiskTier, m.Tags, m.LatestVersion,
        m.CreatedBy, m.CreatedAtUtc, m.UpdatedBy, m.UpdatedAtUtc, NamingRules.Matches(m.Key, settings.ModelKeyPattern));

    private static VersionDetails ToDetails(string modelKey, ModelVersion v, RegistrySettings settings)
    {
        var completeness = DocumentationCompleteness.Of(v.Card, settings.RequiredCardSections);
        var latestEvidence = v.CiEvidence.OrderByDescending(e => e.RecordedAtUtc).ThenByDescending(e => e.Id).FirstOrDefault();
        return new VersionDetails(
            modelKey, v.Number, v.Framework, v.ArtifactUri, v.ArtifactSha256, v.SourceRepository, v.SourceCommit, v.PipelineRunUrl,
            [.. v.Datasets.Select(l => new LinkedDataset(l.DatasetVersion?.Dataset?.Key ?? "?", l.DatasetVersion?.Label ?? "?", l.Role))],
            v.Hyperparameters, v.TrainingMetrics, v.Card, completeness.Percent, completeness.Missing,
            latestEvidence is null ? null : ToView(latestEvidence), v.CreatedBy, v.CreatedAtUtc);
    }

    private static CiEvidenceView ToView(CiEvidence e) => new(
        e.TestsPassed, e.TestsFailed, e.CoveragePercent, e.LintWarnings,
        new VulnerabilityCounts(e.VulnerabilitiesCritical, e.VulnerabilitiesHigh, e.VulnerabilitiesMedium, e.VulnerabilitiesLow),
        e.PipelineRunUrl, e.RecordedBy, e.RecordedAtUtc);

    private static async Task<RegistrySettings> SettingsAsync(PortalDbContext db, CancellationToken cancellationToken) =>
        await db.RegistrySettings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == RegistrySettings.SingletonId, cancellationToken)
        ?? new RegistrySettings();
}
