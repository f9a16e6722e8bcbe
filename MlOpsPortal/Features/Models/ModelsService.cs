using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Architecture;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Models;

/// <summary>
/// The registry's models and their versions, with the CI evidence pipelines record about a version. Pages and the API
/// both come here; every write checks the caller's rights again and records an audit event in the same save.
/// Datasets, model cards, lineage and the registry's rules have services of their own beside this one.
/// </summary>
[FeatureContract]
public sealed class ModelsService(
    IDbContextFactory<PortalDbContext> dbFactory,
    IAuthorizationService authorization,
    ModelFollowers followers,
    RegistryKeys registryKeys,
    TimeProvider clock)
{
    // Racing pipelines collide on a version number or key at most this many times before giving up.
    private const int MaxNumberAttempts = 50;

    public async Task<Page<ModelSummary>> ListModelsAsync(ModelQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = Math.Clamp(query.PageSize, 1, ModelQuery.MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await RegistryRules.CurrentAsync(db, cancellationToken);
        var models = db.Models.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var like = SqlLike.Contains(query.Search.Trim().ToLowerInvariant());
            models = models.Where(m => EF.Functions.Like(m.SearchText, like, SqlLike.Escape));
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
        return new Page<ModelSummary>([.. page.Select(m => RegistryViews.ToSummary(m, settings))], total, query.PageIndex, pageSize);
    }

    /// <summary>Distinct business units and owners, for the list's filters.</summary>
    public async Task<(IReadOnlyList<string> BusinessUnits, IReadOnlyList<string> Owners)> ModelFacetsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var units = await db.Models.Select(m => m.BusinessUnit).Distinct().OrderBy(u => u).ToListAsync(cancellationToken);
        var owners = await db.Models.Select(m => m.Owner).Distinct().OrderBy(o => o).ToListAsync(cancellationToken);
        return (units, owners);
    }

    /// <summary>Owners whose name contains <paramref name="text"/> (all when empty), for the models list's owner lookup.</summary>
    public async Task<IReadOnlyList<string>> SearchOwnersAsync(string? text, int max = 20, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var owners = db.Models.Select(m => m.Owner);
        if (!string.IsNullOrWhiteSpace(text))
        {
            var like = SqlLike.Contains(text.Trim());
            owners = owners.Where(o => EF.Functions.Like(o, like, SqlLike.Escape));
        }

        return await owners.Distinct().OrderBy(o => o).Take(max).ToListAsync(cancellationToken);
    }

    public async Task<ModelDetails?> GetModelAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.Key == key, cancellationToken);
        if (model is null)
        {
            return null;
        }

        // The rest of the page (a dashboard's score) finds the model without reading it again.
        RegistryKeyMemo.Current?.Remember(new ModelRef(model.Id, model.Key, model.RiskTier, model.LatestVersion));
        var settings = await RegistryRules.CurrentAsync(db, cancellationToken);
        var versions = await db.ModelVersions.AsNoTracking().WithDetails()
            .Where(v => v.ModelId == model.Id).OrderByDescending(v => v.Number).ToListAsync(cancellationToken);
        var details = new ModelDetails(RegistryViews.ToSummary(model, settings), [.. versions.Select(v => RegistryViews.ToDetails(model.Key, v, settings))]);
        if (RegistryKeyMemo.Current is { } memo)
        {
            memo.LatestVersionsByKey[model.Key] = details.Versions.Count > 0 ? details.Versions[0] : null;
        }

        return details;
    }

    /// <summary>
    /// The latest version of each of <paramref name="keys"/> that exists (null for a model without versions), in a fixed
    /// number of reads whatever the count: for scores and gates computed for a whole page of models.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, VersionDetails?>> LatestVersionsAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var wanted = keys.Distinct(StringComparer.Ordinal).ToList();
        var latest = new Dictionary<string, VersionDetails?>(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return latest;
        }

        var memo = RegistryKeyMemo.Current;
        if (memo is not null && wanted.All(memo.LatestVersionsByKey.ContainsKey))
        {
            return wanted.ToDictionary(key => key, key => memo.LatestVersionsByKey[key], StringComparer.Ordinal);
        }

        // Through the registry's keys: the page asking has usually looked these models up already.
        var models = (await registryKeys.ModelsAsync(wanted, cancellationToken)).Values.ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await RegistryRules.CurrentAsync(db, cancellationToken);
        var ids = models.Select(m => m.Id).ToList();
        var versions = await db.ModelVersions.AsNoTracking().WithDetails()
            .Where(v => ids.Contains(v.ModelId) && v.Number == db.ModelVersions.Where(o => o.ModelId == v.ModelId).Max(o => o.Number)).ToListAsync(cancellationToken);
        var byModel = versions.ToDictionary(v => v.ModelId);
        foreach (var model in models)
        {
            latest[model.Key] = byModel.TryGetValue(model.Id, out var v) ? RegistryViews.ToDetails(model.Key, v, settings) : null;
            memo?.LatestVersionsByKey.TryAdd(model.Key, latest[model.Key]);
        }

        return latest;
    }

    /// <summary>The given versions (by id) with what <see cref="GetVersionAsync"/> shows of each, in a fixed number of reads; unknown ids are left out.</summary>
    public async Task<IReadOnlyDictionary<int, VersionDetails>> VersionDetailsAsync(IReadOnlyCollection<int> versionIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(versionIds);
        var wanted = versionIds.Distinct().ToList();
        if (wanted.Count == 0)
        {
            return new Dictionary<int, VersionDetails>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await RegistryRules.CurrentAsync(db, cancellationToken);
        var versions = await db.ModelVersions.AsNoTracking().WithDetails().Where(v => wanted.Contains(v.Id)).ToListAsync(cancellationToken);
        var modelIds = versions.Select(v => v.ModelId).Distinct().ToList();
        var modelKeys = await registryKeys.ModelKeysAsync(modelIds, cancellationToken);
        return versions.ToDictionary(v => v.Id, v => RegistryViews.ToDetails(modelKeys[v.ModelId], v, settings));
    }

    public async Task<ModelSummary> CreateModelAsync(ClaimsPrincipal user, ModelInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await authorization.EnsureAsync(user, Policies.WriteRegistry);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await RegistryRules.CurrentAsync(db, cancellationToken);
        RegistryValidation.CheckNewModel(input, settings.ModelKeyPattern).ThrowIfAny();
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
        // Whoever registers a model follows it (its failed checks and incidents reach them), saved with the model or not at all.
        followers.AddForNewModel(db, model, actor);
        db.AddAuditEvent(actor, RegistryKeys.ModelCreatedAction, nameof(Model), model.Key, new { after = RegistryViews.ToSummary(model, settings) });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex, "Models", "Key"))
        {
            throw new PortalConflictException($"A model with the key '{input.Key}' already exists.");
        }

        return RegistryViews.ToSummary(model, settings);
    }

    public async Task<ModelSummary> UpdateModelAsync(ClaimsPrincipal user, string key, ModelInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await authorization.EnsureAsync(user, Policies.WriteRegistry);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await RegistryRules.CurrentAsync(db, cancellationToken);
        var model = await db.Models.SingleOrDefaultAsync(m => m.Key == key, cancellationToken)
            ?? throw new PortalNotFoundException($"There is no model with the key '{key}'.");
        RegistryValidation.CheckModel(input).ThrowIfAny();
        var before = RegistryViews.ToSummary(model, settings);
        Apply(model, input);
        var actor = AuditActor.From(user);
        model.UpdatedBy = actor.Name;
        model.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        var after = RegistryViews.ToSummary(model, settings);
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
            var settings = await RegistryRules.CurrentAsync(db, cancellationToken);
            var model = await db.Models.SingleOrDefaultAsync(m => m.Key == key, cancellationToken)
                ?? throw new PortalNotFoundException($"There is no model with the key '{key}'.");
            var links = await Datasets.ResolveAsync(db, input.Datasets ?? [], RegistryValidation.CheckVersion(input), cancellationToken);
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
            var details = RegistryViews.ToDetails(model.Key, version, settings);
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
        var settings = await RegistryRules.CurrentAsync(db, cancellationToken);
        var version = await db.ModelVersions.AsNoTracking().WithDetails()
            .SingleOrDefaultAsync(v => v.Model!.Key == key && v.Number == number, cancellationToken);
        return version is null ? null : RegistryViews.ToDetails(key, version, settings);
    }

    public async Task<CiEvidenceView> RecordCiEvidenceAsync(
        ClaimsPrincipal user, string key, int number, CiEvidenceInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await authorization.EnsureAsync(user, Policies.WriteRegistry);
        RegistryValidation.CheckCiEvidence(input).ThrowIfAny();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var versionId = await db.ModelVersions.Where(x => x.Model!.Key == key && x.Number == number).Select(x => (int?)x.Id).SingleOrDefaultAsync(cancellationToken)
            ?? throw new PortalNotFoundException($"Model '{key}' has no version {number}.");
        var actor = AuditActor.From(user);
        var vulnerabilities = input.Vulnerabilities!;
        var evidence = new CiEvidence
        {
            ModelVersionId = versionId,
            TestsPassed = input.TestsPassed!.Value,
            TestsFailed = input.TestsFailed!.Value,
            CoveragePercent = input.CoveragePercent!.Value,
            LintWarnings = input.LintWarnings!.Value,
            VulnerabilitiesCritical = vulnerabilities.Critical!.Value,
            VulnerabilitiesHigh = vulnerabilities.High!.Value,
            VulnerabilitiesMedium = vulnerabilities.Medium!.Value,
            VulnerabilitiesLow = vulnerabilities.Low!.Value,
            PipelineRunUrl = input.PipelineRunUrl,
            RecordedBy = actor.Name,
            RecordedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.CiEvidence.Add(evidence);
        var view = RegistryViews.ToView(evidence);
        db.AddAuditEvent(actor, "ci-evidence.recorded", nameof(ModelVersion), $"{key}/{number}", new { after = view });
        await db.SaveChangesAsync(cancellationToken);
        return view;
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
    /// <summary>
    /// Every model created up to <paramref name="createdUpToUtc"/> with what a portfolio report needs of it, in one read:
    /// its documentation is that of its latest version against the card sections an admin requires today.
    /// </summary>
    public async Task<IReadOnlyList<PortfolioModel>> PortfolioAsync(DateTime createdUpToUtc, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await RegistryRules.CurrentAsync(db, cancellationToken);
        var models = await db.Models.AsNoTracking().Where(m => m.CreatedAtUtc <= createdUpToUtc).OrderBy(m => m.Key)
            .Select(m => new { m.Id, m.Key, m.DisplayName, m.Owner, m.BusinessUnit, m.RiskTier, m.CreatedAtUtc, m.LatestVersion })
            .ToListAsync(cancellationToken);
        var cards = await db.ModelVersions.AsNoTracking().Where(v => v.Number == v.Model!.LatestVersion && v.Model.CreatedAtUtc <= createdUpToUtc)
            .Select(v => new { v.ModelId, v.Card }).ToDictionaryAsync(v => v.ModelId, v => v.Card, cancellationToken);
        return [.. models.Select(m =>
        {
            var documentation = cards.TryGetValue(m.Id, out var card) ? DocumentationCompleteness.Of(card, settings.RequiredCardSections) : null;
            return new PortfolioModel(m.Id, m.Key, m.DisplayName, m.Owner, m.BusinessUnit, m.RiskTier, m.CreatedAtUtc, m.LatestVersion,
                documentation?.Percent, documentation?.Missing ?? []);
        })];
    }
}
