using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Architecture;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Models;

/// <summary>
/// The rules an admin sets for the registry: how model and dataset keys are named, and which card sections a version
/// must fill in. Keys registered before a rule changed are flagged, never renamed.
/// </summary>
[FeatureContract]
public sealed class RegistryRules(IDbContextFactory<PortalDbContext> dbFactory, IAuthorizationService authorization, TimeProvider clock)
{
    public async Task<RegistrySettings> GetSettingsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await CurrentAsync(db, cancellationToken);
    }

    public async Task<RegistrySettings> UpdateSettingsAsync(ClaimsPrincipal user, RegistrySettingsInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await authorization.EnsureAsync(user, Policies.Admin);
        RegistryValidation.CheckSettings(input).ThrowIfAny();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await db.RegistrySettings.SingleOrDefaultAsync(s => s.Id == RegistrySettings.SingletonId, cancellationToken);
        if (settings is null)
        {
            settings = new RegistrySettings();
            db.RegistrySettings.Add(settings);
        }

        var before = new { settings.ModelKeyPattern, settings.DatasetKeyPattern, RequiredCardSections = settings.RequiredCardSections.ToList() };
        settings.ModelKeyPattern = input.ModelKeyPattern!;
        settings.DatasetKeyPattern = input.DatasetKeyPattern!;
        settings.RequiredCardSections = [.. (input.RequiredCardSections ?? []).Distinct().Order()];
        var actor = AuditActor.From(user);
        settings.UpdatedBy = actor.Name;
        settings.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        db.AddAuditEvent(actor, "registry-settings.updated", nameof(RegistrySettings), null,
            new { before, after = new { settings.ModelKeyPattern, settings.DatasetKeyPattern, settings.RequiredCardSections } });
        await db.SaveChangesAsync(cancellationToken);
        return settings;
    }

    /// <summary>Existing keys that break the current rules: flagged, never renamed (pipelines refer to them).</summary>
    public async Task<IReadOnlyList<FlaggedKey>> FlaggedKeysAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await CurrentAsync(db, cancellationToken);
        var modelKeys = await db.Models.Select(m => m.Key).ToListAsync(cancellationToken);
        var datasetKeys = await db.Datasets.Select(d => d.Key).ToListAsync(cancellationToken);
        return Flag(settings, modelKeys, datasetKeys);
    }

    /// <summary>
    /// Which of these keys break the current rules: what a gate or a check of some versions needs, without reading every
    /// key in the registry (the approvals inbox did, on each open, however large the registry).
    /// </summary>
    public async Task<IReadOnlyList<FlaggedKey>> FlaggedAmongAsync(IEnumerable<string> modelKeys, IEnumerable<string> datasetKeys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(modelKeys);
        ArgumentNullException.ThrowIfNull(datasetKeys);
        var settings = await GetSettingsAsync(cancellationToken);
        return Flag(settings, modelKeys.Distinct(StringComparer.Ordinal), datasetKeys.Distinct(StringComparer.Ordinal));
    }

    private static List<FlaggedKey> Flag(RegistrySettings settings, IEnumerable<string> modelKeys, IEnumerable<string> datasetKeys) =>
    [
        .. modelKeys.Where(k => !NamingRules.Matches(k, settings.ModelKeyPattern)).Select(k => new FlaggedKey("model", k, settings.ModelKeyPattern)),
        .. datasetKeys.Where(k => !NamingRules.Matches(k, settings.DatasetKeyPattern)).Select(k => new FlaggedKey("dataset", k, settings.DatasetKeyPattern)),
    ];

    /// <summary>The rules in force, read in the caller's context so a view and its rule come from the same moment.</summary>
    /// <remarks>Read once for a page's GET (see <see cref="RegistryKeyMemo"/>): every view of the page uses the same rules.</remarks>
    internal static async Task<RegistrySettings> CurrentAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var memo = RegistryKeyMemo.Current;
        if (memo?.Settings is { } known)
        {
            return known;
        }

        var settings = await db.RegistrySettings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == RegistrySettings.SingletonId, cancellationToken)
            ?? new RegistrySettings();
        if (memo is not null)
        {
            memo.Settings = settings;
        }

        return settings;
    }
}
