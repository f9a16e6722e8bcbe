using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Models;

/// <summary>
/// Datasets and their immutable versions, which model versions name as training, validation and test data. Every write
/// checks the caller's rights again and records an audit event in the same save.
/// </summary>
public sealed class Datasets(IDbContextFactory<PortalDbContext> dbFactory, IAuthorizationService authorization, TimeProvider clock)
{
    public async Task<Page<DatasetSummary>> ListDatasetsAsync(DatasetQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = Math.Clamp(query.PageSize, 1, ModelQuery.MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await RegistryRules.CurrentAsync(db, cancellationToken);
        var datasets = db.Datasets.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var like = SqlLike.Contains(query.Search.Trim());
            datasets = datasets.Where(d => EF.Functions.Like(d.Key, like, SqlLike.Escape) || EF.Functions.Like(d.Description, like, SqlLike.Escape)
                || EF.Functions.Like(d.Owner, like, SqlLike.Escape));
        }

        var total = await datasets.CountAsync(cancellationToken);
        var rows = await datasets.OrderBy(d => d.Key)
            .Skip(Math.Max(query.PageIndex, 0) * pageSize).Take(pageSize)
            .Select(d => new { Dataset = d, Count = d.Versions.Count, Latest = d.Versions.Max(v => (DateTime?)v.CreatedAtUtc) })
            .ToListAsync(cancellationToken);
        return new Page<DatasetSummary>(
            [.. rows.Select(r => ToSummary(r.Dataset, r.Count, r.Latest, settings))], total, query.PageIndex, pageSize);
    }

    public async Task<DatasetDetails?> GetDatasetAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var dataset = await db.Datasets.AsNoTracking().SingleOrDefaultAsync(d => d.Key == key, cancellationToken);
        if (dataset is null)
        {
            return null;
        }

        var settings = await RegistryRules.CurrentAsync(db, cancellationToken);
        var versions = await db.DatasetVersions.AsNoTracking().Where(v => v.DatasetId == dataset.Id)
            .OrderByDescending(v => v.CreatedAtUtc).ThenByDescending(v => v.Id)
            .Select(v => new
            {
                Version = v,
                UsedBy = v.UsedBy.Select(l => l.ModelVersionId).Distinct().Count(),
                Upstream = v.DerivedFrom == null ? null : new DatasetVersionRef(v.DerivedFrom.Dataset!.Key, v.DerivedFrom.Label),
            })
            .ToListAsync(cancellationToken);
        var latest = versions.Count == 0 ? (DateTime?)null : versions.Max(v => v.Version.CreatedAtUtc);
        return new DatasetDetails(
            ToSummary(dataset, versions.Count, latest, settings),
            [.. versions.Select(v => ToView(key, v.Version, v.UsedBy, v.Upstream))]);
    }

    public async Task<DatasetSummary> CreateDatasetAsync(ClaimsPrincipal user, DatasetInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await authorization.EnsureAsync(user, Policies.WriteRegistry);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await RegistryRules.CurrentAsync(db, cancellationToken);
        RegistryValidation.CheckNewDataset(input, settings.DatasetKeyPattern).ThrowIfAny();
        var actor = AuditActor.From(user);
        var dataset = new Dataset
        {
            Key = input.Key!,
            Description = input.Description?.Trim() ?? string.Empty,
            Owner = input.Owner!.Trim(),
            CreatedBy = actor.Name,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Datasets.Add(dataset);
        var summary = ToSummary(dataset, 0, null, settings);
        db.AddAuditEvent(actor, "dataset.created", nameof(Dataset), dataset.Key, new { after = summary });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex, "Datasets", "Key"))
        {
            throw new PortalConflictException($"A dataset with the key '{input.Key}' already exists.");
        }

        return summary;
    }

    public async Task<DatasetVersionView> AddDatasetVersionAsync(
        ClaimsPrincipal user, string key, DatasetVersionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await authorization.EnsureAsync(user, Policies.WriteRegistry);
        RegistryValidation.CheckDatasetVersion(input).ThrowIfAny();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var dataset = await db.Datasets.SingleOrDefaultAsync(d => d.Key == key, cancellationToken)
            ?? throw new PortalNotFoundException($"There is no dataset with the key '{key}'.");
        var upstream = await ResolveUpstreamAsync(db, key, input, cancellationToken);
        var actor = AuditActor.From(user);
        var version = new DatasetVersion
        {
            DatasetId = dataset.Id,
            DerivedFromId = upstream?.Id,
            Label = input.Version!.Trim(),
            Location = input.Location!.Trim(),
            Sha256 = input.Sha256!.Trim().ToLowerInvariant(),
            RowCount = input.RowCount!.Value,
            Schema = [.. (input.Schema ?? []).Select(c => new DatasetColumn(c.Name.Trim(), c.Type.Trim()))],
            CreatedBy = actor.Name,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.DatasetVersions.Add(version);
        var view = ToView(key, version, 0, upstream is null ? null : new DatasetVersionRef(upstream.Dataset!.Key, upstream.Label));
        db.AddAuditEvent(actor, "dataset-version.registered", nameof(DatasetVersion), $"{key}/{version.Label}", new { after = view });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex, "DatasetVersions", "DatasetId", "Label"))
        {
            throw new PortalConflictException($"Dataset '{key}' already has a version '{version.Label}'. Versions are immutable: register a new label.");
        }

        return view;
    }

    /// <summary>
    /// Resolves the dataset versions a model version names, adding to the version's other <paramref name="errors"/>;
    /// throws when any reference is unknown or any error was found, so nothing is written.
    /// </summary>
    internal static async Task<List<LineageLink>> ResolveAsync(
        PortalDbContext db, IReadOnlyList<DatasetRef> references, FieldErrors errors, CancellationToken cancellationToken)
    {
        var links = new List<LineageLink>();
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

    private static DatasetSummary ToSummary(Dataset d, int versionCount, DateTime? latest, RegistrySettings settings) => new(
        d.Key, d.Description, d.Owner, d.CreatedBy, d.CreatedAtUtc, versionCount, latest, NamingRules.Matches(d.Key, settings.DatasetKeyPattern));

    private static DatasetVersionView ToView(string datasetKey, DatasetVersion v, int usedBy, DatasetVersionRef? upstream) => new(
        datasetKey, v.Label, v.Location, v.Sha256, v.RowCount, v.Schema, v.CreatedBy, v.CreatedAtUtc, usedBy, upstream);

    /// <summary>
    /// The dataset version the new one says it was derived from. Derivation is fixed when a version is registered and
    /// versions never change, so the only loop a new version could close is naming itself; that is refused with the
    /// unknown ones, each under <c>derivedFrom</c>.
    /// </summary>
    private static async Task<DatasetVersion?> ResolveUpstreamAsync(
        PortalDbContext db, string key, DatasetVersionInput input, CancellationToken cancellationToken)
    {
        if (input.DerivedFrom is not { } reference)
        {
            return null;
        }

        const string Field = "derivedFrom";
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(reference.Dataset) || string.IsNullOrWhiteSpace(reference.Label))
        {
            errors.Add(Field, "Name the upstream dataset version as {\"dataset\", \"label\"} or \"dataset@label\", e.g. \"raw-events@2026-11-01\".");
            errors.ThrowIfAny();
        }

        var (dataset, label) = (reference.Dataset!.Trim(), reference.Label!.Trim());
        if (dataset == key && label == input.Version!.Trim())
        {
            errors.Add(Field, $"A dataset version cannot be derived from itself ({dataset}@{label}): name the version it was made from.");
            errors.ThrowIfAny();
        }

        var upstream = await db.DatasetVersions.Include(v => v.Dataset)
            .SingleOrDefaultAsync(v => v.Dataset!.Key == dataset && v.Label == label, cancellationToken);
        if (upstream is null)
        {
            errors.Add(Field, await db.Datasets.AnyAsync(d => d.Key == dataset, cancellationToken)
                ? $"Dataset '{dataset}' has no version '{label}' to derive from. Register it first with POST /api/v1/datasets/{dataset}/versions."
                : $"There is no dataset '{dataset}' to derive from. Register it first with POST /api/v1/datasets.");
        }

        errors.ThrowIfAny();
        return upstream;
    }
}
