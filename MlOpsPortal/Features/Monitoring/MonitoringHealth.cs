using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Architecture;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>
/// The parts of a model's health that monitoring data alone decides (DESIGN.md §9): performance against threshold
/// and baseline, service against its objectives, freshness against the expected cadence; and the weights the
/// model's own settings give to each part of the score.
/// </summary>
[FeatureContract]
public sealed record MonitoringHealthParts(HealthPart Performance, HealthPart Service, HealthPart Freshness, IReadOnlyDictionary<HealthComponent, double> Weights);

/// <summary>Judges a model's monitoring data in one environment against what "healthy" means for it.</summary>
[FeatureContract]
public sealed class MonitoringHealth(IDbContextFactory<PortalDbContext> dbFactory, RegistryKeys keys, IOptions<HealthOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan RecentWindow = TimeSpan.FromHours(24);

    /// <summary>The monitoring parts; <paramref name="version"/> gives the approved baseline (the latest version's training metrics).</summary>
    public async Task<MonitoringHealthParts> PartsAsync(string modelKey, string environmentKey, VersionDetails? version, CancellationToken cancellationToken = default) =>
        (await PartsAsync(new Dictionary<string, VersionDetails?>(StringComparer.Ordinal) { [modelKey] = version }, environmentKey, cancellationToken)).GetValueOrDefault(modelKey)
        ?? throw new Infrastructure.Api.PortalNotFoundException($"There is no model with the key '{modelKey}'.");

    /// <summary>
    /// The monitoring parts of many models in one environment in a fixed number of reads (a page of scores), each model
    /// with its latest version for the baseline. Models the registry does not know are left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, MonitoringHealthParts>> PartsAsync(
        IReadOnlyDictionary<string, VersionDetails?> latestVersions, string environmentKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(latestVersions);
        var environment = await keys.EnvironmentAsync(environmentKey, cancellationToken)
            ?? throw new Infrastructure.Api.PortalNotFoundException($"There is no environment '{environmentKey}'.");
        var models = await keys.ModelsAsync(latestVersions.Keys, cancellationToken);
        var ids = models.Values.Select(m => m.Id).ToList();
        var parts = new Dictionary<string, MonitoringHealthParts>(StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            return parts;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await db.ModelHealthSettings.AsNoTracking().Where(s => ids.Contains(s.ModelId)).ToDictionaryAsync(s => s.ModelId, cancellationToken);
        var now = clock.GetUtcNow();
        var latest = await LatestValuesAsync(db, ids, environment.Id, now - RecentWindow, cancellationToken);
        var newest = await db.MetricSeries.Where(s => ids.Contains(s.ModelId!.Value) && s.EnvironmentId == environment.Id)
            .Join(db.MetricRollups.Where(r => r.Resolution == RollupResolution.Day), s => s.Id, r => r.SeriesId, (s, r) => new { ModelId = s.ModelId!.Value, r.LastTimestampMs })
            .GroupBy(r => r.ModelId).Select(g => new { ModelId = g.Key, Newest = g.Max(r => r.LastTimestampMs) })
            .ToDictionaryAsync(r => r.ModelId, r => (long?)r.Newest, cancellationToken);
        foreach (var (key, model) in models)
        {
            var own = settings.GetValueOrDefault(model.Id) ?? new ModelHealthSettings { ModelId = model.Id };
            var values = latest.GetValueOrDefault(model.Id) ?? new Dictionary<string, double>(StringComparer.Ordinal);
            parts[key] = new MonitoringHealthParts(
                Performance(own, values, latestVersions[key]), Service(own, values), Freshness(own, newest.GetValueOrDefault(model.Id), now), own.Weights);
        }

        return parts;
    }

    private HealthPart Performance(ModelHealthSettings settings, Dictionary<string, double> latest, VersionDetails? version)
    {
        if (!latest.TryGetValue(settings.PrimaryMetric, out var value))
        {
            return new(HealthComponent.Performance, HealthStatus.NoData, null, 0, $"No {settings.PrimaryMetric} points in the last 24 hours.");
        }

        var baselineName = MetricDisplay.TrainingName(settings.PrimaryMetric);
        var baseline = MetricDisplay.Baseline(version, settings.PrimaryMetric);
        var better = settings.HigherIsBetter ? 1 : -1;
        string Show(double x) => x.ToString("0.###", CultureInfo.InvariantCulture);
        if (settings.PrimaryThreshold is { } threshold && better * (value - threshold) < 0)
        {
            return new(HealthComponent.Performance, HealthStatus.Critical, 0, 0,
                $"{settings.PrimaryMetric} is {Show(value)}, past its threshold {Show(threshold)}.");
        }

        if (baseline is { } approved)
        {
            // Relative shortfall against the approved baseline: 0 % off scores 100, 10 % off or more scores 0.
            var shortfall = Math.Max(0, better * (approved - value) / Math.Max(Math.Abs(approved), 1e-9));
            var score = Math.Round(Math.Clamp(100 - (shortfall * 1000), 0, 100), 1);
            var baselineText = $"the v{version!.Version} baseline {Show(approved)}";
            var comparison = shortfall > 0
                ? $"{Show(value)} against {baselineText} ({shortfall:P1} short)"
                : $"{Show(value)}, {(better * (value - approved) > 0 ? "better than" : "level with")} {baselineText}";
            return new(HealthComponent.Performance, options.Value.Classify(score), score, 0, $"{settings.PrimaryMetric} is {comparison}.");
        }

        return new(HealthComponent.Performance, HealthStatus.Healthy, 100, 0,
            $"{settings.PrimaryMetric} is {Show(value)}, within its threshold; the latest version records no baseline for {baselineName}.");
    }

    private HealthPart Service(ModelHealthSettings settings, Dictionary<string, double> latest)
    {
        var checks = new List<(double Score, string Text)>();
        if (latest.TryGetValue(MetricNames.LatencyP95, out var latency))
        {
            checks.Add((Ratio(latency / settings.LatencySloMs), $"p95 latency {latency:0} ms vs SLO {settings.LatencySloMs:0} ms"));
        }

        if (latest.TryGetValue(MetricNames.ErrorRate, out var errors))
        {
            checks.Add((Ratio(errors / Math.Max(settings.ErrorRateSlo, 1e-9)), $"error rate {errors:P2} vs SLO {settings.ErrorRateSlo:P2}"));
        }

        if (checks.Count == 0)
        {
            return new(HealthComponent.Service, HealthStatus.NoData, null, 0, "No latency.p95_ms or errors.rate points in the last 24 hours.");
        }

        var score = checks.Min(c => c.Score);
        return new(HealthComponent.Service, options.Value.Classify(score), score, 0, string.Join("; ", checks.Select(c => c.Text)) + ".");

        // Within the objective scores 100; every 10 % over it costs 20 points.
        static double Ratio(double usage) => Math.Round(Math.Clamp(100 - (Math.Max(0, usage - 1) * 200), 0, 100), 1);
    }

    private HealthPart Freshness(ModelHealthSettings settings, long? newestMs, DateTimeOffset now)
    {
        if (newestMs is null)
        {
            return new(HealthComponent.Freshness, HealthStatus.NoData, null, 0, "No metric points have been received for this model here.");
        }

        var age = now - DateTimeOffset.FromUnixTimeMilliseconds(newestMs.Value);
        var cadences = age.TotalMinutes / Math.Max(settings.ExpectedCadenceMinutes, 1);
        var score = cadences <= 1 ? 100 : Math.Round(Math.Max(0, 100 - ((cadences - 1) * 25)), 1);
        return new(HealthComponent.Freshness, options.Value.Classify(score), score, 0,
            $"Newest point {FormatAge(age)} old; points are expected every {settings.ExpectedCadenceMinutes} minutes.");
    }

    private static async Task<Dictionary<int, Dictionary<string, double>>> LatestValuesAsync(
        PortalDbContext db, IReadOnlyCollection<int> modelIds, int environmentId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var sinceMs = since.ToUnixTimeMilliseconds();
        // The newest minute bucket of each series holds its last value, so this reads one row per metric.
        var rows = await db.MetricSeries.Where(s => modelIds.Contains(s.ModelId!.Value) && s.EnvironmentId == environmentId)
            .Select(s => new
            {
                ModelId = s.ModelId!.Value,
                s.MetricName,
                Last = db.MetricRollups.Where(r => r.SeriesId == s.Id && r.Resolution == RollupResolution.Minute && r.BucketStartMs >= sinceMs)
                    .OrderByDescending(r => r.BucketStartMs).Select(r => (double?)r.Last).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows.Where(r => r.Last is not null).GroupBy(r => r.ModelId)
            .ToDictionary(g => g.Key, g => g.ToDictionary(r => r.MetricName, r => r.Last!.Value, StringComparer.Ordinal));
    }

    private static string FormatAge(TimeSpan age) =>
        age.TotalMinutes < 1 ? "under a minute" : age.TotalMinutes < 2 ? "1 minute" : age.TotalHours < 1 ? $"{age.TotalMinutes:0} minutes" : age.TotalDays < 1 ? $"{age.TotalHours:0.#} hours" : $"{age.TotalDays:0.#} days";
}
