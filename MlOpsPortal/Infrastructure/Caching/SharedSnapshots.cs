namespace MlOpsPortal.Infrastructure.Caching;

/// <summary>A value computed as of a moment, kept and shared by <see cref="SharedSnapshots{TStamp, T}"/>.</summary>
public interface ISnapshot
{
    DateTime AsOfUtc { get; }
}

/// <summary>How old a kept snapshot may be and still answer while a newer one computes: two lifetimes.</summary>
public static class SnapshotAge
{
    public static TimeSpan Max(TimeSpan lifetime) => lifetime * 2;
}

/// <summary>
/// Values that cost hundreds of milliseconds of CPU to compute and may be shown a little old (every model's health in
/// an environment), computed once per key for everyone and kept for <see cref="Lifetime"/>. One computation at a time
/// per key: everyone asking while it runs waits for the same one, or, when a kept snapshot is merely past its lifetime
/// (younger than <see cref="MaxAge"/>), is answered with that one while the new one computes, so nobody's page stalls
/// behind a recomputation. A changed stamp (the registry's: a model registered or edited since, one cheap read per
/// request) makes everyone wait for a new one at once. A caller's cancellation stops its wait, never the computation
/// others wait for; a failed computation is not kept.
/// </summary>
/// <param name="compute">The value of a key as of the given moment.</param>
public sealed class SharedSnapshots<TStamp, T>(
    Func<string, DateTime, CancellationToken, Task<T>> compute, Func<CancellationToken, Task<TStamp>> stamp, TimeProvider clock, TimeSpan lifetime)
    where T : class, ISnapshot
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);

    public TimeSpan Lifetime => lifetime;

    /// <summary>The oldest snapshot served while a newer one computes; older than that, callers wait for the new one.</summary>
    public TimeSpan MaxAge => SnapshotAge.Max(lifetime);

    public async Task<T> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var current = await stamp(cancellationToken);
        Task<T> waited;
        lock (gate)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            entries.TryGetValue(key, out var entry);
            var sameStamp = entry is not null && EqualityComparer<TStamp>.Default.Equals(entry.Stamp, current);
            var latest = entry?.Latest;
            if (sameStamp && latest is { IsCompletedSuccessfully: true } && now - latest.Result.AsOfUtc < lifetime)
            {
                return latest.Result;
            }

            if (!sameStamp || latest!.IsCompleted)
            {
                // The last finished snapshot of this stamp answers while the new one computes.
                var kept = !sameStamp ? null : latest is { IsCompletedSuccessfully: true } ? latest.Result : entry!.Kept;
                // Started outside the caller's synchronous path, so the lock is never held while it runs.
                entry = new Entry(current, Task.Run(() => compute(key, now, CancellationToken.None), CancellationToken.None), kept);
                entries[key] = entry;
            }

            if (entry!.Kept is { } stale && now - stale.AsOfUtc < MaxAge)
            {
                return stale;
            }

            waited = entry.Latest;
        }

        return await waited.WaitAsync(cancellationToken);
    }

    /// <param name="Latest">The newest computation, finished or running.</param>
    /// <param name="Kept">The snapshot before it, of the same stamp, if any.</param>
    private sealed record Entry(TStamp Stamp, Task<T> Latest, T? Kept);
}
