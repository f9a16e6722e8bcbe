using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Architecture;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Models;

[FeatureContract]
public sealed partial class ModelsService
{
    public async Task<Page<DatasetSummary>> ListDatasetsAsync(DatasetQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = Math.Clamp(query.PageSize, 1, ModelQuery.MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await SettingsAsync(db, cancellationToken);
        var datasets = db.Datasets.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var like = LikePattern(query.Search.Trim());
            datasets = datasets.Where(d => EF.Functions.Like(d.Key, like, "\\") || EF.Functions.Like(d.Description, like, "\\")
                || EF.Functions.Like(d.Owner, like, "\\"));
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

        var settings = await SettingsAsync(db, cancellationToken);
        var versions = await db.DatasetVersions.AsNoTracking().Where(v => v.DatasetId == dataset.Id)
            .OrderByDescending(v => v.CreatedAtUtc).ThenByDescending(v => v.Id)
            .Select(v => new { Version = v, UsedBy = v.UsedBy.Select(l => l.ModelVersionId).Distinct().Count() })
            .ToListAsync(cancellationToken);
        var latest = versions.Count == 0 ? (DateTime?)null : versions.Max(v => v.Version.CreatedAtUtc);
        return new DatasetDetails(
            ToSummary(dataset, versions.Count, latest, settings),
            [.. versions.Select(v => ToView(key, v.Version, v.UsedBy))]);
    }

    public async Task<DatasetSummary> CreateDatasetAsync(ClaimsPrincipal user, DatasetInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await authorization.EnsureAsync(user, Policies.WriteRegistry);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await SettingsAsync(db, cancellationToken);
        var errors = new FieldErrors();
        errors.Required("key", input.Key, "Key");
        errors.Identifier("key", input.Key, "Key");
        if (!string.IsNullOrWhiteSpace(input.Key) && !NamingRules.Matches(input.Key, settings.DatasetKeyPattern))
        {
            errors.Add("key", NamingRules.Violation("dataset", input.Key, settings.DatasetKeyPattern));
        }

        errors.MaxLength("key", input.Key, Model.KeyMaxLength, "Key");
        errors.MaxLength("description", input.Description, 4000, "Description");
        errors.Required("owner", input.Owner, "Owner");
        errors.MaxLength("owner", input.Owner, 200, "Owner");
        errors.ThrowIfAny();
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
        var errors = new FieldErrors();
        errors.Required("version", input.Version, "Version");
        errors.Identifier("version", input.Version, "Version");
        errors.MaxLength("version", input.Version, 100, "Version");
        errors.Required("location", input.Location, "Location");
        errors.AbsoluteUri("location", input.Location, "Location");
        errors.MaxLength("location", input.Location, 2000, "Location");
        errors.Required("sha256", input.Sha256, "SHA-256");
        errors.Sha256("sha256", input.Sha256, "SHA-256");
        if (input.RowCount is not >= 0)
        {
            errors.Add("rowCount", "Row count is required and cannot be negative.");
        }

        var schema = input.Schema ?? [];
        for (var i = 0; i < schema.Count; i++)
        {
            if (schema[i] is null || string.IsNullOrWhiteSpace(schema[i].Name) || string.IsNullOrWhiteSpace(schema[i].Type))
            {
                errors.Add($"schema[{i}]", "Each column needs a name and a type.");
            }
            else if (schema[i].Name.Length > 200 || schema[i].Type.Length > 100)
            {
                errors.Add($"schema[{i}]", "Column names are at most 200 characters and types at most 100.");
            }
        }

        foreach (var duplicate in schema.Where(c => c is not null).GroupBy(c => c.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add("schema", $"Column '{duplicate.Key}' appears more than once.");
        }

        errors.ThrowIfAny();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var dataset = await db.Datasets.SingleOrDefaultAsync(d => d.Key == key, cancellationToken)
            ?? throw new PortalNotFoundException($"There is no dataset with the key '{key}'.");
        var actor = AuditActor.From(user);
        var version = new DatasetVersion
        {
            DatasetId = dataset.Id,
            Label = input.Version!.Trim(),
            Location = input.Location!.Trim(),
            Sha256 = input.Sha256!.Trim().ToLowerInvariant(),
            RowCount = input.RowCount!.Value,
            Schema = [.. schema.Select(c => new DatasetColumn(c.Name.Trim(), c.Type.Trim()))],
            CreatedBy = actor.Name,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.DatasetVersions.Add(version);
        var view = ToView(key, version, 0);
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

    private static DatasetSummary ToSummary(Dataset d, int versionCount, DateTime? latest, RegistrySettings settings) => new(
        d.Key, d.Description, d.Owner, d.CreatedBy, d.CreatedAtUtc, versionCount, latest, NamingRules.Matches(d.Key, settings.DatasetKeyPattern));

    private static DatasetVersionView ToView(string datasetKey, DatasetVersion v, int usedBy) => new(
        datasetKey, v.Label, v.Location, v.Sha256, v.RowCount, v.Schema, v.CreatedBy, v.CreatedAtUtc, usedBy);
}
