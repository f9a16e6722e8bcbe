using MlOpsPortal.Features.Models;

namespace MlOpsPortal.Features.Overview;

/// <summary>The portfolio of one environment as computed at <paramref name="AsOfUtc"/>, worst first.</summary>
public sealed record PortfolioSnapshot(string Environment, IReadOnlyList<PortfolioRow> Rows, DateTime AsOfUtc);

/// <summary>
/// The portfolio rows of each environment, computed once for everyone and kept for <see cref="Lifetime"/>: scoring
/// every model costs hundreds of milliseconds of CPU, and a portfolio overview may show scores that old (the page says
/// "as of"). One computation at a time per environment: everyone asking while it runs waits for the same one. A model
/// registered or edited since (the registry's stamp, one cheap read per request) starts a new one at once, so a new
/// model never waits for the lifetime to show up.
/// </summary>
public sealed class PortfolioCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

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
    /// else a new one (shared with everyone who asks meanwhile). A caller's cancellation stops its wait, never the
    /// computation others wait for; a failed computation is not kept.
    /// </summary>
    public async Task<PortfolioSnapshot> GetAsync(string environment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var registry = await stamp(cancellationToken);
        Task<PortfolioSnapshot> snapshot;
        lock (gate)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            if (!entries.TryGetValue(environment, out var entry) || entry.Registry != registry || entry.Snapshot.IsFaulted || entry.Snapshot.IsCanceled
                || (entry.Snapshot.IsCompletedSuccessfully && now - entry.Snapshot.Result.AsOfUtc >= Lifetime))
            {
                // Started outside the caller's synchronous path, so the lock is never held while it runs.
                entry = new Entry(registry, Task.Run(() => ComputeAsync(environment, now), CancellationToken.None));
                entries[environment] = entry;
            }

            snapshot = entry.Snapshot;
        }

        return await snapshot.WaitAsync(cancellationToken);
    }

    private async Task<PortfolioSnapshot> ComputeAsync(string environment, DateTime asOfUtc) =>
        new(environment, await load(environment, CancellationToken.None), asOfUtc);

    private sealed record Entry(RegistryStamp Registry, Task<PortfolioSnapshot> Snapshot);
}
