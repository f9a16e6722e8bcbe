using System.Collections.Concurrent;
using MlOpsPortal.Features.Models;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>The ids a series is stored under; a null model is the portal itself.</summary>
public sealed record SeriesOwner(int? ModelId, int EnvironmentId);

/// <summary>
/// Turns the registry keys a series is named by into the ids it is stored under, for the hot paths (ingestion, chart
/// reads, alert evaluation) that would otherwise ask the registry once per request. Environments are the registry's
/// own cached list; model ids are remembered here.
/// </summary>
public sealed class SeriesKeys(RegistryKeys registry, TimeProvider clock)
{
    // Only keys that exist are remembered (a model registered a moment ago is found at once), and only for a while, so
    // a model removed or re-keyed by a future feature stops being found within this time even on another instance.
    private static readonly TimeSpan RememberModelsFor = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (ModelRef Model, DateTimeOffset Until)> models = new(StringComparer.Ordinal);

    public async Task<ModelRef?> ModelAsync(string key, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (models.TryGetValue(key, out var remembered) && remembered.Until > now)
        {
            return remembered.Model;
        }

        var found = await registry.ModelAsync(key, cancellationToken);
        if (found is null)
        {
            models.TryRemove(key, out _);
        }
        else
        {
            models[key] = (found, now + RememberModelsFor);
        }

        return found;
    }

    /// <summary>The ids of (model, environment); null when the registry knows either key not. A null model is the portal's own series.</summary>
    public async Task<SeriesOwner?> OwnerAsync(string? model, string environment, CancellationToken cancellationToken = default)
    {
        var environmentRef = await registry.EnvironmentAsync(environment, cancellationToken);
        if (environmentRef is null)
        {
            return null;
        }

        if (model is null)
        {
            return new SeriesOwner(null, environmentRef.Id);
        }

        return await ModelAsync(model, cancellationToken) is { } modelRef ? new SeriesOwner(modelRef.Id, environmentRef.Id) : null;
    }
}
