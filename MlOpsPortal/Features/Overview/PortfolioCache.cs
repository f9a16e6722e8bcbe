using MlOpsPortal.Features.Models;

namespace MlOpsPortal.Features.Overview;

/// <summary>The portfolio of one environment as computed at <paramref name="AsOfUtc"/>, worst first.</summary>
public sealed record PortfolioSnapshot(string Environment, IReadOnlyList<PortfolioRow> Rows, DateTime AsOfUtc);

/// <summary>
/// The portfolio rows of each environment, computed once for everyone and kept for <see cref="Lifetime"/>: scoring
/// every model costs hundreds of milliseconds of CPU, and a portfolio overview may show scores that old (the page says
/// "as of"). One computation at a time per environment: everyone asking while it runs waits for the same one, or, when
/// a kept snapshot is merely past its lifetime (younger than <see cref="MaxAge"/>), is answered with that one while the
/// new one computes, so nobody's page stalls behind a recomputation. A model registered or edited since (the registry's
/// stamp, one cheap read per request) makes everyone wait for a new one at once, so a new model never waits to show up.
/// </summary>
public sealed class PortfolioCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    /// <summary>The oldest snapshot served while a newer one computes; older than that, callers wait for the new one.</summary>
    public static readonly TimeSpan MaxAge = Lifetime * 2;

    private readonly Func<string, CancellationToken, Task<List<PortfolioRow>>> load;
    private readonly Func<CancellationToken, Task<RegistryStamp>> stamp;
    private readonly TimeProvider clock;
    private readonly Lock gate = new();
    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);

    public PortfolioCache(PortfolioRows rows, RegistryKeys registry, TimeProvider clock)
        : this((environment, cancellationToken) => rows.LoadAsync(environment, cancellationToken), registry.StampAsync, clock)
    {
    }

    internal PortfolioCache(Func<string, CancellationToken, Task<List<PortfolioRow>>> load, Func<CancellationToken, Task<RegistryStamp>> stamp, TimeProvider clock) =>
        (this.load, this.stamp, this.clock) = (load, stamp, clock);

    /// <summary>
    /// The environment's snapshot: the kept one while younger than <see cref="Lifetime"/> and the registry unchanged,
    /// else a new one (shared with everyone who asks meanwhile; the kept one answers them while it is younger than
    /// <see cref="MaxAge"/>). A caller's cancellation stops its wait, never the computation others wait for; a failed
    /// computation is not kept.
    /// </summary>
    public async Task<PortfolioSnapshot> GetAsync(string environment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var registry = await stamp(cancellationToken);
        Task<PortfolioSnapshot> snapshot;
        lock (gate)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            entries.TryGetValue(environment, out var entry);
            var latest = entry?.Latest;
            if (latest is { IsCompletedSuccessfully: true } && entry!.Registry == registry && now - latest.Result.AsOfUtc < Lifetime)
            {
                return latest.Result;
            }

            // The last finished snapshot of this registry, to answer with while a newer one computes.
            var kept = latest is { IsCompletedSuccessfully: true } ? latest.Result : entry?.Kept;
            if (entry is null || entry.Registry != registry || latest!.IsCompleted)
            {
                // Started outside the caller's synchronous path, so the lock is never held while it runs.
                entry = new Entry(registry, Task.Run(() => ComputeAsync(environment, now), CancellationToken.None),
                    entry?.Registry == registry ? kept : null);
                entries[environment] = entry;
            }

            if (entry.Kept is { } stale && now - stale.AsOfUtc < MaxAge)
            {
                return stale;
            }

            snapshot = entry.Latest;
        }

        return await snapshot.WaitAsync(cancellationToken);
    }

    private async Task<PortfolioSnapshot> ComputeAsync(string environment, DateTime asOfUtc) =>
        new(environment, await load(environment, CancellationToken.None), asOfUtc);

    /// <param name="Latest">The newest computation, finished or running.</param>
    /// <param name="Kept">The snapshot before it, of the same registry, if any.</param>
    private sealed record Entry(RegistryStamp Registry, Task<PortfolioSnapshot> Latest, PortfolioSnapshot? Kept);
}
