using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Caching;

namespace MlOpsPortal.Features.Overview;

/// <summary>The portfolio of one environment as computed at <paramref name="AsOfUtc"/>, worst first.</summary>
public sealed record PortfolioSnapshot(string Environment, IReadOnlyList<PortfolioRow> Rows, DateTime AsOfUtc) : ISnapshot;

/// <summary>
/// The portfolio rows of each environment, computed once for everyone and kept for <see cref="Lifetime"/>: scoring
/// every model costs hundreds of milliseconds of CPU, and a portfolio overview may show scores that old (the page says
/// "as of"). A model registered or edited since starts a new one at once, so a new model never waits to show up; see
/// <see cref="SharedSnapshots{TStamp, T}"/> for who waits and who is answered with the kept one.
/// </summary>
public sealed class PortfolioCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly SharedSnapshots<RegistryStamp, PortfolioSnapshot> snapshots;

    public PortfolioCache(PortfolioRows rows, RegistryKeys registry, TimeProvider clock)
        : this((environment, cancellationToken) => rows.LoadAsync(environment, cancellationToken), registry.StampAsync, clock)
    {
    }

    internal PortfolioCache(Func<string, CancellationToken, Task<List<PortfolioRow>>> load, Func<CancellationToken, Task<RegistryStamp>> stamp, TimeProvider clock) =>
        snapshots = new(async (environment, asOfUtc, cancellationToken) => new(environment, await load(environment, cancellationToken), asOfUtc), stamp, clock, Lifetime);

    /// <summary>The oldest snapshot served while a newer one computes.</summary>
    public static TimeSpan MaxAge => SnapshotAge.Max(Lifetime);

    public Task<PortfolioSnapshot> GetAsync(string environment, CancellationToken cancellationToken = default) =>
        snapshots.GetAsync(environment, cancellationToken);
}
