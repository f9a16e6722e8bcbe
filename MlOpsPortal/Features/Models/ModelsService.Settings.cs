using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Features.Models;

public sealed partial class ModelsService
{
    public async Task<RegistrySettings> GetSettingsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await SettingsAsync(db, cancellationToken);
    }

    public async Task<RegistrySettings> UpdateSettingsAsync(ClaimsPrincipal user, RegistrySettingsInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await authorization.EnsureAsync(user, Policies.Admin);
        var errors = new FieldErrors();
        if (NamingRules.ProblemWithPattern(input.ModelKeyPattern) is { } modelProblem)
        {
            errors.Add("modelKeyPattern", modelProblem);
        }

        if (NamingRules.ProblemWithPattern(input.DatasetKeyPattern) is { } datasetProblem)
        {
            errors.Add("datasetKeyPattern", datasetProblem);
        }

        errors.ThrowIfAny();
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
        var settings = await SettingsAsync(db, cancellationToken);
        var modelKeys = await db.Models.Select(m => m.Key).ToListAsync(cancellationToken);
        var datasetKeys = await db.Datasets.Select(d => d.Key).ToListAsync(cancellationToken);
        return
        [
            .. modelKeys.Where(k => !NamingRules.Matches(k, settings.ModelKeyPattern)).Select(k => new FlaggedKey("model", k, settings.ModelKeyPattern)),
            .. datasetKeys.Where(k => !NamingRules.Matches(k, settings.DatasetKeyPattern)).Select(k => new FlaggedKey("dataset", k, settings.DatasetKeyPattern)),
        ];
    }
}
