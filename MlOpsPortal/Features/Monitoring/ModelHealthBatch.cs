using MlOpsPortal.Infrastructure.Architecture;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>
/// The health scores of a page with many <see cref="ModelHealth"/> places (a list of cards), computed together: the
/// page cascades one of these naming its places, and the feature that fills them computes every score of the page in
/// one batch, started by the first place that asks and shared by the others, rather than one computation per place.
/// </summary>
[FeatureContract]
public sealed class ModelHealthBatch
{
    private readonly HashSet<(string Model, string Environment)> places;
    private readonly Lock gate = new();
    private Task<object>? shared;

    public ModelHealthBatch(IEnumerable<(string Model, string Environment)> places)
    {
        ArgumentNullException.ThrowIfNull(places);
        this.places = [.. places];
    }

    public IReadOnlyCollection<(string Model, string Environment)> Places => places;

    public bool Contains(string model, string environment) => places.Contains((model, environment));

    /// <summary>The result of <paramref name="compute"/> over every place, computed once whoever asks first.</summary>
    public async Task<T> OnceAsync<T>(Func<IReadOnlyCollection<(string Model, string Environment)>, Task<T>> compute)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(compute);
        Task<object> task;
        lock (gate)
        {
            task = shared ??= ComputeAsync();
        }

        return (T)await task;

        async Task<object> ComputeAsync() => await compute(places);
    }
}
