using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Architecture;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Models;

/// <summary>A model as other features refer to it: its id for their foreign keys, its key for people.</summary>
[FeatureContract]
public sealed record ModelRef(int Id, string Key, RiskTier RiskTier, int LatestVersion);

/// <summary>One version of a model as other features refer to it.</summary>
[FeatureContract]
public sealed record VersionRef(int ModelId, string ModelKey, int VersionId, int Number);

/// <summary>The number of models and the newest change to any of them (see <see cref="RegistryKeys.StampAsync"/>).</summary>
[FeatureContract]
public sealed record RegistryStamp(int Models, DateTime? LastChangedUtc);

[FeatureContract]
public sealed record EnvironmentRef(int Id, string Key, string DisplayName);

/// <summary>How a screen names an environment it holds by key.</summary>
[FeatureContract]
public static class EnvironmentNames
{
    /// <summary>The display name of <paramref name="key"/> among <paramref name="environments"/>; the key itself when they do not hold it.</summary>
    public static string NameOf(this IReadOnlyList<EnvironmentRef> environments, string? key)
    {
        ArgumentNullException.ThrowIfNull(environments);
        return environments.FirstOrDefault(e => e.Key == key)?.DisplayName ?? key ?? string.Empty;
    }
}

/// <summary>
/// The one way other features turn the registry's keys into the ids their own tables hold, and back. The registry
/// owns these tables; nobody else queries them.
/// </summary>
[FeatureContract]
public sealed class RegistryKeys(IDbContextFactory<PortalDbContext> dbFactory)
{
    /// <summary>The audit action of a model's creation, which is where its creator's id is kept.</summary>
    internal const string ModelCreatedAction = "model.created";

    private IReadOnlyList<EnvironmentRef>? environments;

    public async Task<ModelRef?> ModelAsync(string key, CancellationToken cancellationToken = default)
    {
        if (RegistryKeyMemo.Current is not null)
        {
            return (await ModelsAsync([key], cancellationToken)).GetValueOrDefault(key);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Models.AsNoTracking().Where(m => m.Key == key)
            .Select(m => new ModelRef(m.Id, m.Key, m.RiskTier, m.LatestVersion)).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>A model by id, read on the caller's connection: for a transaction, which must not wait for a second one.</summary>
    public static Task<ModelRef?> ModelAsync(PortalDbContext db, int id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Models.AsNoTracking().Where(m => m.Id == id)
            .Select(m => new ModelRef(m.Id, m.Key, m.RiskTier, m.LatestVersion)).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>The models among <paramref name="keys"/> that exist, by key, in one read: for pages that show many.</summary>
    public async Task<IReadOnlyDictionary<string, ModelRef>> ModelsAsync(IEnumerable<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var wanted = keys.Distinct(StringComparer.Ordinal).ToList();
        var found = new Dictionary<string, ModelRef>(StringComparer.Ordinal);
        var memo = RegistryKeyMemo.Current;
        if (memo is not null)
        {
            foreach (var key in wanted.Where(memo.ModelsByKey.ContainsKey).ToList())
            {
                if (memo.ModelsByKey[key] is { } known)
                {
                    found[key] = known;
                }

                wanted.Remove(key);
            }
        }

        if (wanted.Count == 0)
        {
            return found;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var read = await db.Models.AsNoTracking().Where(m => wanted.Contains(m.Key))
            .Select(m => new ModelRef(m.Id, m.Key, m.RiskTier, m.LatestVersion)).ToListAsync(cancellationToken);
        foreach (var model in read)
        {
            found[model.Key] = model;
            memo?.Remember(model);
        }

        foreach (var missing in wanted.Where(k => !found.ContainsKey(k)))
        {
            memo?.ModelsByKey.TryAdd(missing, null);
        }

        return found;
    }

    public async Task<int?> ModelIdAsync(string key, CancellationToken cancellationToken = default) =>
        (await ModelAsync(key, cancellationToken))?.Id;

    /// <summary>Model keys containing <paramref name="text"/> (all when empty), by key, at most <paramref name="take"/>: for pickers.</summary>
    public async Task<IReadOnlyList<string>> SearchModelKeysAsync(string? text, int take = 20, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var models = db.Models.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(text))
        {
            var pattern = SqlLike.Contains(text.Trim());
            models = models.Where(m => EF.Functions.Like(m.Key, pattern, SqlLike.Escape));
        }

        return await models.OrderBy(m => m.Key).Select(m => m.Key).Take(Math.Clamp(take, 1, 200)).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// How many models there are and when one last changed: cheap (an index read), so a cache of derived figures can tell
    /// that a model was registered or edited since it computed them.
    /// </summary>
    public async Task<RegistryStamp> StampAsync(CancellationToken cancellationToken = default)
    {
        var memo = RegistryKeyMemo.Current;
        if (memo?.Stamp is { } known)
        {
            return known;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Both in one read; grouped by a constant, an empty registry has no group rather than a row of nulls.
        var stamp = await db.Models.GroupBy(_ => 1).Select(g => new RegistryStamp(g.Count(), g.Max(m => (DateTime?)m.UpdatedAtUtc)))
            .SingleOrDefaultAsync(cancellationToken) ?? new RegistryStamp(0, null);
        if (memo is not null)
        {
            memo.Stamp = stamp;
        }

        return stamp;
    }

    /// <summary>Every model with at least one version, by key.</summary>
    public async Task<IReadOnlyList<ModelRef>> ModelsWithVersionsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Models.AsNoTracking().Where(m => m.LatestVersion > 0).OrderBy(m => m.Key)
            .Select(m => new ModelRef(m.Id, m.Key, m.RiskTier, m.LatestVersion)).ToListAsync(cancellationToken);
    }

    /// <summary>The keys of the given models, for showing rows that hold model ids.</summary>
    public async Task<IReadOnlyDictionary<int, string>> ModelKeysAsync(IEnumerable<int> ids, CancellationToken cancellationToken = default)
    {
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0)
        {
            return new Dictionary<int, string>();
        }

        if (RegistryKeyMemo.Current is not { } memo)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await db.Models.AsNoTracking().Where(m => wanted.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Key, cancellationToken);
        }

        var unknown = wanted.Where(id => !memo.ModelsById.ContainsKey(id)).ToList();
        if (unknown.Count > 0)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            foreach (var model in await db.Models.AsNoTracking().Where(m => unknown.Contains(m.Id))
                .Select(m => new ModelRef(m.Id, m.Key, m.RiskTier, m.LatestVersion)).ToListAsync(cancellationToken))
            {
                memo.Remember(model);
            }
        }

        return wanted.Where(memo.ModelsById.ContainsKey).ToDictionary(id => id, id => memo.ModelsById[id].Key);
    }

    /// <summary>A version by model key and number; the latest when <paramref name="number"/> is null.</summary>
    public async Task<VersionRef?> VersionAsync(string modelKey, int? number, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ModelVersions.AsNoTracking()
            .Where(v => v.Model!.Key == modelKey && v.Number == (number ?? v.Model.LatestVersion))
            .Select(v => new VersionRef(v.ModelId, v.Model!.Key, v.Id, v.Number)).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>The versions among (model key, number) pairs that exist, in two reads whatever their count.</summary>
    public async Task<IReadOnlyDictionary<(string ModelKey, int Number), VersionRef>> VersionsAsync(
        IReadOnlyCollection<(string ModelKey, int Number)> versions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var wanted = versions.ToHashSet();
        // A page that read these versions by id (the inbox's requests) already knows them by key and number.
        if (RegistryKeyMemo.Current is { } memo)
        {
            var known = memo.VersionsById.Values.Where(v => wanted.Contains((v.ModelKey, v.Number))).ToDictionary(v => (v.ModelKey, v.Number));
            if (known.Count == wanted.Count)
            {
                return known;
            }
        }

        var models = await ModelsAsync(versions.Select(v => v.ModelKey), cancellationToken);
        if (models.Count == 0)
        {
            return new Dictionary<(string, int), VersionRef>();
        }

        var ids = models.Values.Select(m => m.Id).ToList();
        var numbers = versions.Select(v => v.Number).Distinct().ToList();
        var keyOf = models.Values.ToDictionary(m => m.Id, m => m.Key);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.ModelVersions.AsNoTracking().Where(v => ids.Contains(v.ModelId) && numbers.Contains(v.Number))
            .Select(v => new { v.ModelId, v.Id, v.Number }).ToListAsync(cancellationToken);
        var found = rows.Select(r => new VersionRef(r.ModelId, keyOf[r.ModelId], r.Id, r.Number)).Where(v => wanted.Contains((v.ModelKey, v.Number)))
            .ToDictionary(v => (v.ModelKey, v.Number));
        if (RegistryKeyMemo.Current is { } read)
        {
            foreach (var version in found.Values)
            {
                read.VersionsById[version.VersionId] = version;
            }
        }

        return found;
    }

    /// <summary>The given versions with their models' keys, for showing rows that hold version ids.</summary>
    public async Task<IReadOnlyDictionary<int, VersionRef>> VersionsAsync(IEnumerable<int> versionIds, CancellationToken cancellationToken = default)
    {
        var wanted = versionIds.Distinct().ToList();
        var memo = RegistryKeyMemo.Current;
        var unknown = memo is null ? wanted : [.. wanted.Where(id => !memo.VersionsById.ContainsKey(id))];
        if (unknown.Count == 0)
        {
            return memo is null ? new Dictionary<int, VersionRef>() : wanted.ToDictionary(id => id, id => memo.VersionsById[id]);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // The read below adds what it finds to the memo.
        var read = await VersionsAsync(db, unknown, cancellationToken);
        return memo is null ? read : wanted.Where(memo.VersionsById.ContainsKey).ToDictionary(id => id, id => memo.VersionsById[id]);
    }

    /// <summary>
    /// The given versions with their models' keys, read on <paramref name="db"/>'s own connection: for a caller inside a
    /// transaction, which must not wait for a second connection while it holds rows that others wait for (a pool filled
    /// by racing approvers of one request stalled each approval until the pool's timeout).
    /// </summary>
    /// <remarks>What it reads joins a page render's memo, so the page's other parts need not read those versions again.</remarks>
    public static async Task<Dictionary<int, VersionRef>> VersionsAsync(PortalDbContext db, IReadOnlyCollection<int> versionIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var read = await db.ModelVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id))
            .Select(v => new VersionRef(v.ModelId, v.Model!.Key, v.Id, v.Number)).ToDictionaryAsync(v => v.VersionId, cancellationToken);
        if (RegistryKeyMemo.Current is { } memo)
        {
            foreach (var version in read.Values)
            {
                memo.VersionsById[version.VersionId] = version;
            }
        }

        return read;
    }

    /// <summary>
    /// The environments, production first (the order people think of them). Held after the first read: the list comes
    /// from the migrations and no screen changes it.
    /// </summary>
    public async Task<IReadOnlyList<EnvironmentRef>> EnvironmentsAsync(CancellationToken cancellationToken = default)
    {
        if (environments is { } known)
        {
            return known;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await EnvironmentsAsync(db, cancellationToken);
    }

    /// <summary>The environments as <see cref="EnvironmentsAsync(CancellationToken)"/>, read (the first time) on the caller's connection: for a transaction, which must not wait for a second one.</summary>
    public async Task<IReadOnlyList<EnvironmentRef>> EnvironmentsAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return environments ??= await db.Environments.AsNoTracking().OrderByDescending(e => e.Id)
            .Select(e => new EnvironmentRef(e.Id, e.Key, e.DisplayName)).ToListAsync(cancellationToken);
    }

    public async Task<EnvironmentRef?> EnvironmentAsync(string key, CancellationToken cancellationToken = default) =>
        (await EnvironmentsAsync(cancellationToken)).SingleOrDefault(e => e.Key == key);

    public async Task<EnvironmentRef?> EnvironmentAsync(int id, CancellationToken cancellationToken = default) =>
        (await EnvironmentsAsync(cancellationToken)).SingleOrDefault(e => e.Id == id);

    /// <summary>What to tell someone who named no environment, or one there is not: the keys they may use.</summary>
    public async Task<string> UnknownEnvironmentMessageAsync(string? key, CancellationToken cancellationToken = default)
    {
        var known = string.Join(", ", (await EnvironmentsAsync(cancellationToken)).Select(e => e.Key));
        return string.IsNullOrWhiteSpace(key)
            ? $"Environment is required: one of {known}."
            : $"There is no environment '{key.Trim()}'. Use one of: {known}.";
    }

    /// <summary>
    /// What <paramref name="personId"/> (an audit actor id) did to build each of <paramref name="modelIds"/>: created the
    /// model (its <c>model.created</c> audit event, since the model row keeps only a name) or registered some of its
    /// versions. Models they did neither to are left out. For maker-checker evidence in access reviews.
    /// </summary>
    public async Task<IReadOnlyList<ModelContribution>> ContributionsAsync(string personId, IEnumerable<int> modelIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(modelIds);
        var wanted = modelIds.Distinct().ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var keys = await db.Models.AsNoTracking().Where(m => wanted.Contains(m.Id)).ToDictionaryAsync(m => m.Key, m => m.Id, cancellationToken);
        var modelKeys = keys.Keys.ToList();
        var created = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Action == ModelCreatedAction && e.EntityType == nameof(Model) && modelKeys.Contains(e.EntityId!) && e.ActorId == personId)
            .Select(e => e.EntityId!).Distinct().ToListAsync(cancellationToken);
        var registered = (await db.ModelVersions.AsNoTracking().Where(v => wanted.Contains(v.ModelId) && v.CreatedById == personId)
            .Select(v => new { v.ModelId, v.Number }).ToListAsync(cancellationToken)).ToLookup(v => v.ModelId, v => v.Number);
        var createdIds = created.Select(key => keys[key]).ToHashSet();
        return [.. wanted.Where(id => createdIds.Contains(id) || registered.Contains(id)).Order()
            .Select(id => new ModelContribution(id, createdIds.Contains(id), [.. registered[id].Order()]))];
    }

    /// <summary>Who registered a version, for the maker-checker rule of the features that approve it.</summary>
    public async Task<VersionRegistrant?> RegistrantAsync(int versionId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ModelVersions.AsNoTracking().Where(v => v.Id == versionId)
            .Select(v => new VersionRegistrant(v.CreatedById, v.CreatedBy)).SingleOrDefaultAsync(cancellationToken);
    }
}

/// <summary>
/// The audit actor id of who registered a version (null for a version registered before ids were kept) and their name.
/// </summary>
[FeatureContract]
public sealed record VersionRegistrant(string? ActorId, string Name);

/// <summary>How one person helped build a model: created it, and/or registered these version numbers.</summary>
[FeatureContract]
public sealed record ModelContribution(int ModelId, bool CreatedModel, IReadOnlyList<int> RegisteredVersions);
