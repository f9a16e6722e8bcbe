using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Caching;

namespace MlOpsPortal.Features.Health;

/// <summary>The health of every model with a version in one environment, as computed at <paramref name="AsOfUtc"/>.</summary>
public sealed record EnvironmentHealth(string Environment, IReadOnlyDictionary<string, HealthReport> Reports, DateTime AsOfUtc) : ISnapshot;

/// <summary>
/// Every model's health per environment, computed once for everyone and kept for <see cref="Lifetime"/>, for lists
/// that show a score beside each of many items (the approvals inbox): there a score that old serves as well as a fresh
/// one (each says when it was computed), and computing a page's scores on every request was a quarter of its CPU
/// (bench/PageBench). A model's own dashboard shares its one report only while nothing it weighs has changed (<see cref="HealthScore.SharedAsync"/>).
/// </summary>
public sealed class HealthSnapshots
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly SharedSnapshots<RegistryStamp, EnvironmentHealth> snapshots;
    private readonly HealthScore health;

    public HealthSnapshots(HealthScore health, RegistryKeys registry, TimeProvider clock)
    {
        this.health = health;
        snapshots = new(async (environment, asOfUtc, cancellationToken) =>
        {
            var keys = (await registry.ModelsWithVersionsAsync(cancellationToken)).Select(m => m.Key).ToList();
            return new EnvironmentHealth(environment, await health.ComputeAsync(keys, environment, cancellationToken), asOfUtc);
        }, registry.StampAsync, clock, Lifetime);
    }

    /// <summary>
    /// The reports of these places from their environments' snapshots; a place a snapshot lacks (a model without a
    /// version) is computed now, and a model the registry does not know is left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<(string Model, string Environment), HealthReport>> ReportsAsync(
        IReadOnlyCollection<(string Model, string Environment)> places, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(places);
        var reports = new Dictionary<(string Model, string Environment), HealthReport>();
        foreach (var environment in places.Select(p => p.Environment).Distinct(StringComparer.Ordinal))
        {
            var snapshot = await snapshots.GetAsync(environment, cancellationToken);
            foreach (var place in places.Where(p => p.Environment == environment))
            {
                if (snapshot.Reports.TryGetValue(place.Model, out var report))
                {
                    reports[place] = report;
                }
            }
        }

        var missing = places.Where(p => !reports.ContainsKey(p)).ToList();
        if (missing.Count > 0)
        {
            foreach (var (place, report) in await health.ComputeAsync(missing, cancellationToken))
            {
                reports[place] = report;
            }
        }

        return reports;
    }
}
