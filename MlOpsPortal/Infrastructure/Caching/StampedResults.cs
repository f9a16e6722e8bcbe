using System.Collections.Concurrent;

namespace MlOpsPortal.Infrastructure.Caching;

/// <summary>
/// Results computed from data whose every change moves a stamp (the audit chain's head, the newest metric point), kept
/// per key and handed to whoever asks with the same stamp: one cheap read of the stamp replaces reading the data. The
/// stamp must be read before computing, so that a change committed meanwhile moves it past what is kept. Time passes
/// without moving any stamp, so a result is also kept no longer than <paramref name="lifetime"/>.
/// </summary>
public sealed class StampedResults<TKey, TStamp, TResult>(TimeProvider clock, TimeSpan lifetime)
    where TKey : notnull
    where TResult : class
{
    // The keys asked are few (the awaiting requests, the dashboards open); past this many, the outdated go.
    private const int PruneAbove = 2_000;

    private readonly ConcurrentDictionary<TKey, Kept> kept = new();

    public TimeSpan Lifetime => lifetime;

    /// <summary>What was kept for this key under this stamp, if it is younger than <see cref="Lifetime"/>.</summary>
    public TResult? Find(TKey key, TStamp stamp) =>
        kept.TryGetValue(key, out var found) && EqualityComparer<TStamp>.Default.Equals(found.Stamp, stamp) && clock.GetUtcNow() - found.ComputedAt < lifetime
            ? found.Result
            : null;

    /// <summary>Keeps a result computed after reading <paramref name="stamp"/>.</summary>
    public void Keep(TKey key, TStamp stamp, TResult result)
    {
        var now = clock.GetUtcNow();
        kept[key] = new Kept(stamp, now, result);
        if (kept.Count > PruneAbove)
        {
            foreach (var (oldKey, old) in kept)
            {
                if (!EqualityComparer<TStamp>.Default.Equals(old.Stamp, stamp) || now - old.ComputedAt >= lifetime)
                {
                    kept.TryRemove(new KeyValuePair<TKey, Kept>(oldKey, old));
                }
            }
        }
    }

    private sealed record Kept(TStamp Stamp, DateTimeOffset ComputedAt, TResult Result);
}
