using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Quality;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Monitoring;

public sealed record HealthPart(HealthComponent Component, HealthStatus Status, double? Score, double Weight, string Explanation);

/// <summary>A score and, always with it, the parts it is made of and why each scored as it did.</summary>
public sealed record HealthReport(string Model, string Environment, double? Score, HealthStatus Status, IReadOnlyList<HealthPart> Parts, DateTime ComputedAtUtc);

/// <summary>
/// The explainable health score of DESIGN.md §9: each component scores 0–100 from data the portal holds, the score is
/// the weighted mean of the components that have data, and the status is the worst component's. A component without
/// data says so and does not count, rather than pretending to be healthy.
/// </summary>
public sealed class HealthScore(
    IDbContextFactory<PortalDbContext> dbFactory, ModelsService models, QualityService quality, DeploymentsService deployments,
    IOptions<HealthOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan RecentWindow = TimeSpan.FromHours(24);

    public async Task<HealthReport> ComputeAsync(string modelKey, string environmentKey, CancellationToken cancellationToken = default)
    {
        var model = await models.GetModelAsync(modelKey, cancellationToken)
            ?? throw new PortalNotFoundException($"There is no model with the key '{modelKey}'.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var modelId = await db.Models.Where(m => m.Key == modelKey).Select(m => m.Id).SingleAsync(cancellationToken);
        var environmentId = await db.Environments.Where(e => e.Key == environmentKey).Select(e => (int?)e.Id).SingleOrDefaultAsync(cancellationToken)
            ?? throw new PortalNotFoundException($"There is no environment '{environmentKey}'.");
        var settings = await db.ModelHealthSettings.AsNoTracking().SingleOrDefaultAsync(s => s.ModelId == modelId, cancellationToken)
            ?? new ModelHealthSettings { ModelId = modelId };
        var now = clock.GetUtcNow();
        var latest = await LatestValuesAsync(db, modelId, environmentId, now - RecentWindow, cancellationToken);
        var newest = await db.MetricSeries.Where(s => s.ModelId == modelId && s.EnvironmentId == environmentId)
            .Join(db.MetricRollups.Where(r => r.Resolution == RollupResolution.Day), s => s.Id, r => r.SeriesId, (s, r) => (long?)r.LastTimestampMs)
            .MaxAsync(cancellationToken);
        var latestVersion = model.Versions.OrderByDescending(v => v.Version).FirstOrDefault();

        var parts = new List<HealthPart>
        {
            Performance(settings, latest, latestVersion),
            Drift(await quality.LatestCheckAsync(modelKey, CheckKind.DataDrift, cancellationToken)),
            DataQuality(await quality.LatestCheckAsync(modelKey, CheckKind.DataQuality, cancellationToken)),
            Service(settings, latest),
            Freshness(settings, newest, now),
            NotYet(HealthComponent.Incidents, "Incident tracking is not part of the portal yet, so open incidents cannot count."),
            Governance(latestVersion, await deployments.ApprovalStandingAsync(modelKey, environmentKey, cancellationToken)),
        };
        var weights = options.Value.Weights;
        parts = [.. parts.Select(p => p with { Weight = settings.Weights.TryGetValue(p.Component, out var own) ? own : weights.GetValueOrDefault(p.Component, 1) })];
        var scored = parts.Where(p => p.Score is not null && p.Weight > 0).ToList();
        double? score = scored.Count == 0 ? null : Math.Round(scored.Sum(p => p.Score!.Value * p.Weight) / scored.Sum(p => p.Weight), 1);
        var status = scored.Count == 0 ? HealthStatus.NoData : scored.Max(p => p.Status);
        return new HealthReport(modelKey, environmentKey, score, status, parts, now.UtcDateTime);
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
            return new(HealthComponent.Performance, Classify(score), score, 0,
                $"{settings.PrimaryMetric} is {Show(value)} against the v{version!.Version} baseline {Show(approved)} ({shortfall:P1} short).");
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
        return new(HealthComponent.Service, Classify(score), score, 0, string.Join("; ", checks.Select(c => c.Text)) + ".");

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
        return new(HealthComponent.Freshness, Classify(score), score, 0,
            $"Newest point {FormatAge(age)} old; points are expected every {settings.ExpectedCadenceMinutes} minutes.");
    }

    /// <summary>The share of drifted features in the latest drift check: none drifted scores 100, all drifted 0.</summary>
    private static HealthPart Drift(LatestCheck? check)
    {
        if (check is null)
        {
            return NotYet(HealthComponent.Drift, "No data drift check has run for this model yet.");
        }

        var score = Math.Round(100 * (1 - (check.DriftedShare ?? (check.Status == QualityStatus.Fail ? 1 : 0))), 1);
        return new(HealthComponent.Drift, FromVerdict(check.Status), score, 0, $"Report {check.ReportId} (v{check.Version}, {check.CreatedAtUtc:yyyy-MM-dd}): {check.Summary}");
    }

    /// <summary>The latest data-quality verdict: Pass 100, Warn 60, Fail 20.</summary>
    private static HealthPart DataQuality(LatestCheck? check)
    {
        if (check is null)
        {
            return NotYet(HealthComponent.DataQuality, "No data quality check has run for this model yet.");
        }

        var score = check.Status switch { QualityStatus.Pass => 100, QualityStatus.Warn => 60, _ => 20 };
        return new(HealthComponent.DataQuality, FromVerdict(check.Status), score, 0, $"Report {check.ReportId} (v{check.Version}, {check.CreatedAtUtc:yyyy-MM-dd}): {check.Summary}");
    }

    private static HealthStatus FromVerdict(QualityStatus status) =>
        status switch { QualityStatus.Pass => HealthStatus.Healthy, QualityStatus.Warn => HealthStatus.Warning, _ => HealthStatus.Critical };

    /// <summary>Documentation of the latest version, and whether what runs here is approved: a lapsed approval is Critical.</summary>
    private HealthPart Governance(VersionDetails? version, ApprovalStanding approval)
    {
        if (version is null)
        {
            return new(HealthComponent.Governance, HealthStatus.NoData, null, 0, "No version is registered.");
        }

        var missing = version.MissingSections.Count == 0 ? "nothing missing" : "missing " + string.Join(", ", version.MissingSections.Select(ModelCard.Title));
        var documentation = $"v{version.Version} documentation {version.DocumentationPercent} % complete ({missing}).";
        var (status, score) = approval.Kind switch
        {
            ApprovalStandingKind.ReapprovalRequired => (HealthStatus.Critical, 0d),
            ApprovalStandingKind.Expiring => (HealthStatus.Warning, Math.Min(version.DocumentationPercent, options.Value.WarningBelow - 1)),
            _ => (Classify(version.DocumentationPercent), (double)version.DocumentationPercent),
        };
        status = (HealthStatus)Math.Max((int)status, (int)Classify(version.DocumentationPercent));
        return new(HealthComponent.Governance, status, score, 0, $"{approval.Explanation} {documentation}");
    }

    private HealthStatus Classify(double score) =>
        score < options.Value.CriticalBelow ? HealthStatus.Critical : score < options.Value.WarningBelow ? HealthStatus.Warning : HealthStatus.Healthy;

    private static HealthPart NotYet(HealthComponent component, string why) => new(component, HealthStatus.NoData, null, 0, why);

    private static async Task<Dictionary<string, double>> LatestValuesAsync(
        PortalDbContext db, int modelId, int environmentId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var sinceMs = since.ToUnixTimeMilliseconds();
        // The newest minute bucket of each series holds its last value, so this reads one row per metric.
        var rows = await db.MetricSeries.Where(s => s.ModelId == modelId && s.EnvironmentId == environmentId)
            .Select(s => new
            {
                s.MetricName,
                Last = db.MetricRollups.Where(r => r.SeriesId == s.Id && r.Resolution == RollupResolution.Minute && r.BucketStartMs >= sinceMs)
                    .OrderByDescending(r => r.BucketStartMs).Select(r => (double?)r.Last).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows.Where(r => r.Last is not null).ToDictionary(r => r.MetricName, r => r.Last!.Value, StringComparer.Ordinal);
    }

    private static string FormatAge(TimeSpan age) =>
        age.TotalMinutes < 1 ? "under a minute" : age.TotalMinutes < 2 ? "1 minute" : age.TotalHours < 1 ? $"{age.TotalMinutes:0} minutes" : age.TotalDays < 1 ? $"{age.TotalHours:0.#} hours" : $"{age.TotalDays:0.#} days";
}
