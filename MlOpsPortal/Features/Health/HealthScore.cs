using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Features.Quality;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Architecture;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Caching;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Health;

/// <summary>A score and, always with it, the parts it is made of and why each scored as it did.</summary>
/// <param name="ShadowDeployment">Set when metrics arrive from the environment without an approval holding there.</param>
[FeatureContract]
public sealed record HealthReport(
    string Model, string Environment, double? Score, HealthStatus Status, IReadOnlyList<HealthPart> Parts, DateTime ComputedAtUtc, ShadowDeployment? ShadowDeployment = null);

/// <summary>A version reporting metrics from an environment where no approved deployment of the model holds, and the sentence that says so.</summary>
[FeatureContract]
public sealed record ShadowDeployment(int Version, string Environment, string Explanation);

/// <summary>
/// The explainable health score of DESIGN.md §9: each component scores 0–100 from data the portal holds, the score is
/// the weighted mean of the components that have data, and the status is the worst component's. A component without
/// data says so and does not count, rather than pretending to be healthy. Each feature judges its own part
/// (monitoring, quality, deployments); this one weighs them.
/// </summary>
[FeatureContract]
public sealed class HealthScore(
    ModelsService models, MonitoringHealth monitoring, QualityReports quality, RunningDeployments deployments, IncidentsService incidents,
    IPointLog points, IDbContextFactory<PortalDbContext> dbFactory, IOptions<HealthOptions> options, TimeProvider clock)
{
    /// <summary>How old a shared report may be when nothing it weighs has changed: time alone moves freshness and an approval's expiry.</summary>
    public static readonly TimeSpan SharedFor = TimeSpan.FromSeconds(30);

    private readonly StampedResults<(string Model, string Environment), (long AuditHead, long NewestPoint), HealthReport> shared = new(clock, SharedFor);

    /// <summary>
    /// One model's report as its dashboard opens, shared with everyone who opened it since anything it weighs last
    /// changed: versions, quality reports, deployments and incidents change only with an audit event, and metrics with a
    /// new point, so the audit chain's head and the newest point's id say whether it still stands (two indexed reads,
    /// instead of a dozen). Computed afresh, and kept, when either has moved or it is <see cref="SharedFor"/> old.
    /// </summary>
    public async Task<HealthReport> SharedAsync(string modelKey, string environmentKey, CancellationToken cancellationToken = default)
    {
        long auditHead;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            auditHead = await AuditHead.SequenceAsync(db);
        }

        var stamp = (auditHead, await points.LastIdAsync(cancellationToken));
        if (shared.Find((modelKey, environmentKey), stamp) is { } kept)
        {
            return kept;
        }

        var report = await ComputeAsync(modelKey, environmentKey, cancellationToken);
        shared.Keep((modelKey, environmentKey), stamp, report);
        return report;
    }

    public async Task<HealthReport> ComputeAsync(string modelKey, string environmentKey, CancellationToken cancellationToken = default) =>
        (await ComputeAsync([modelKey], environmentKey, cancellationToken)).GetValueOrDefault(modelKey)
        ?? throw new PortalNotFoundException($"There is no model with the key '{modelKey}'.");

    /// <summary>
    /// The scores of many models in one environment (a page of them) in a fixed number of reads, whatever their count;
    /// the one-model form is this with one. Models the registry does not know are left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, HealthReport>> ComputeAsync(
        IReadOnlyCollection<string> modelKeys, string environmentKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(modelKeys);
        var reports = new Dictionary<string, HealthReport>(StringComparer.Ordinal);
        foreach (var ((model, _), report) in await ComputeAsync([.. modelKeys.Select(m => (m, environmentKey))], cancellationToken))
        {
            reports[model] = report;
        }

        return reports;
    }

    /// <summary>
    /// The scores of many (model, environment) pairs (an inbox spans environments): what does not depend on the
    /// environment (the latest versions, the quality verdicts) is read once for every model, the rest once per
    /// environment among them.
    /// </summary>
    public async Task<IReadOnlyDictionary<(string Model, string Environment), HealthReport>> ComputeAsync(
        IReadOnlyCollection<(string Model, string Environment)> places, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(places);
        var reports = new Dictionary<(string Model, string Environment), HealthReport>();
        var latestVersions = await models.LatestVersionsAsync([.. places.Select(p => p.Model).Distinct(StringComparer.Ordinal)], cancellationToken);
        if (latestVersions.Count == 0)
        {
            return reports;
        }

        var checks = await quality.LatestChecksAsync([.. latestVersions.Keys], [CheckKind.DataDrift, CheckKind.DataQuality], cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var environment in places.Where(p => latestVersions.ContainsKey(p.Model)).GroupBy(p => p.Environment, StringComparer.Ordinal))
        {
            var keys = environment.Select(p => p.Model).Distinct(StringComparer.Ordinal).ToList();
            var measuredAll = await monitoring.PartsAsync(keys.ToDictionary(k => k, k => latestVersions[k], StringComparer.Ordinal), environment.Key, cancellationToken);
            var approvals = await deployments.ApprovalStandingsAsync(keys, environment.Key, cancellationToken);
            var open = await incidents.OpenCountsAsync(keys, environment.Key, cancellationToken);
            foreach (var key in keys)
            {
                if (measuredAll.TryGetValue(key, out var measured))
                {
                    reports[(key, environment.Key)] = Weigh(key, environment.Key, latestVersions[key], measured, approvals[key],
                        checks.GetValueOrDefault((key, CheckKind.DataDrift)), checks.GetValueOrDefault((key, CheckKind.DataQuality)), open.GetValueOrDefault(key), now);
                }
            }
        }

        return reports;
    }

    private HealthReport Weigh(
        string modelKey, string environmentKey, VersionDetails? latestVersion, MonitoringHealthParts measured, ApprovalStanding approval,
        LatestCheck? drift, LatestCheck? dataQuality, OpenIncidentCount? open, DateTime now)
    {
        var shadow = latestVersion is not null && measured.Freshness.Status != HealthStatus.NoData ? Shadow(latestVersion, approval, environmentKey) : null;
        var parts = new List<HealthPart>
        {
            measured.Performance,
            Drift(drift),
            DataQuality(dataQuality),
            measured.Service,
            measured.Freshness,
            Incidents(open),
            Governance(latestVersion, approval, shadow),
        };
        var weights = options.Value.Weights;
        parts = [.. parts.Select(p => p with { Weight = measured.Weights.TryGetValue(p.Component, out var own) ? own : weights.GetValueOrDefault(p.Component, 1) })];
        var scored = parts.Where(p => p.Score is not null && p.Weight > 0).ToList();
        // Incidents and governance are the portal's own bookkeeping: a model nobody measured has no open incident and may
        // be well documented, yet that says nothing about how it behaves. Without a single measured part (monitoring or
        // a quality check) there is no score and the status is No data, unless that bookkeeping itself reports a problem.
        var measuredAny = scored.Any(p => p.Component is not (HealthComponent.Incidents or HealthComponent.Governance));
        double? score = !measuredAny ? null : Math.Round(scored.Sum(p => p.Score!.Value * p.Weight) / scored.Sum(p => p.Weight), 1);
        var worst = scored.Count == 0 ? HealthStatus.NoData : scored.Max(p => p.Status);
        var status = measuredAny || worst >= HealthStatus.Warning ? worst : HealthStatus.NoData;
        return new HealthReport(modelKey, environmentKey, score, status, parts, now, shadow);
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

    /// <summary>
    /// Documentation of the latest version, and whether what runs here is approved: a lapsed approval is Critical, and
    /// so is a shadow deployment, metrics arriving from an environment where no approval holds.
    /// </summary>
    private HealthPart Governance(VersionDetails? version, ApprovalStanding approval, ShadowDeployment? shadow)
    {
        if (version is null)
        {
            return new(HealthComponent.Governance, HealthStatus.NoData, null, 0, "No version is registered.");
        }

        var missing = version.MissingSections.Count == 0 ? "nothing missing" : "missing " + string.Join(", ", version.MissingSections.Select(ModelCard.Title));
        var documentation = $"v{version.Version} documentation {version.DocumentationPercent} % complete ({missing}).";
        if (shadow is not null)
        {
            return new(HealthComponent.Governance, HealthStatus.Critical, 0, 0, $"{shadow.Explanation} {documentation}");
        }

        var (status, score) = approval.Kind switch
        {
            ApprovalStandingKind.ReapprovalRequired => (HealthStatus.Critical, 0d),
            ApprovalStandingKind.Expiring => (HealthStatus.Warning, Math.Min(version.DocumentationPercent, options.Value.WarningBelow - 1)),
            _ => (Classify(version.DocumentationPercent), (double)version.DocumentationPercent),
        };
        status = (HealthStatus)Math.Max((int)status, (int)Classify(version.DocumentationPercent));
        return new(HealthComponent.Governance, status, score, 0, $"{approval.Explanation} {documentation}");
    }

    /// <summary>
    /// Why metrics from <paramref name="environmentKey"/> are a shadow deployment, or null when an approval holds there.
    /// Points carry no version: with a deployment running here they are its version's; without one, the latest
    /// registered version is the one that can be reporting. "No approved deployment" rather than "never approved":
    /// the standing cannot tell an approval that was never given from one rolled back or left to expire undeployed.
    /// </summary>
    private static ShadowDeployment? Shadow(VersionDetails latest, ApprovalStanding approval, string environmentKey) => approval.Kind switch
    {
        ApprovalStandingKind.NotDeployed => new(latest.Version, environmentKey,
            $"v{latest.Version} reports {environmentKey} metrics but has no approved deployment in {environmentKey}."),
        ApprovalStandingKind.ReapprovalRequired => new(approval.Version ?? latest.Version, environmentKey,
            $"v{approval.Version ?? latest.Version} reports {environmentKey} metrics but its approval for {environmentKey} lapsed"
            + (approval.ExpiresAtUtc is { } expired ? " on " + expired.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "") + "."),
        _ => null,
    };

    /// <summary>
    /// Open incidents of the model here (raised in this environment or naming none), weighted by priority:
    /// 100 − 60 per P1 − 25 per P2 − 10 per P3 − 5 per P4. Any open P1 makes the part Critical; open P2s (without a
    /// P1) make it Warning, never Critical; P3s and P4s only deduct, down to the Critical threshold at most, since a
    /// pile of low-priority tickets is worth a look but is not an outage.
    /// </summary>
    private HealthPart Incidents(OpenIncidentCount? open)
    {
        if (open is not { Total: > 0 })
        {
            return new(HealthComponent.Incidents, HealthStatus.Healthy, 100, 0, "No open incidents.");
        }

        var settings = options.Value;
        var raw = Math.Max(0, 100 - (60 * open.P1) - (25 * open.P2) - (10 * open.P3) - (5 * open.P4));
        var (status, score) = open switch
        {
            { P1: > 0 } => (HealthStatus.Critical, Math.Min(raw, settings.CriticalBelow - 1)),
            { P2: > 0 } => (HealthStatus.Warning, Math.Clamp(raw, settings.CriticalBelow, settings.WarningBelow - 1)),
            _ => (Classify(Math.Max(raw, settings.CriticalBelow)), Math.Max(raw, settings.CriticalBelow)),
        };
        return new(HealthComponent.Incidents, status, Math.Max(score, 0), 0, Describe(open));
    }

    /// <summary>"1 open P1 incident: INC-000012." or "3 open incidents (1 P2, 2 P4): INC-000012, INC-000013, INC-000014."</summary>
    private static string Describe(OpenIncidentCount open)
    {
        var byPriority = new[] { ("P1", open.P1), ("P2", open.P2), ("P3", open.P3), ("P4", open.P4) }.Where(p => p.Item2 > 0).ToList();
        var numbers = string.Join(", ", open.Worst) + (open.Total > open.Worst.Count ? ", …" : "");
        return byPriority.Count == 1
            ? $"{open.Total} open {byPriority[0].Item1} incident{(open.Total == 1 ? "" : "s")}: {numbers}."
            : $"{open.Total} open incidents ({string.Join(", ", byPriority.Select(p => $"{p.Item2} {p.Item1}"))}): {numbers}.";
    }

    private HealthStatus Classify(double score) => options.Value.Classify(score);

    private static HealthPart NotYet(HealthComponent component, string why) => new(component, HealthStatus.NoData, null, 0, why);
}
