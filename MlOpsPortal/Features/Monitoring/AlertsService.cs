using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Architecture;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Monitoring;

[FeatureContract]
public sealed record AlertView(long Id, int RuleId, string Environment, string Metric, AlertSeverity Severity, DateTime FiredAtUtc, DateTime? ResolvedAtUtc,
    double Value, string Message);

/// <summary>The alerts a model's rules raised: its history, and the ones still firing that a deployment gate asks about.</summary>
[FeatureContract]
public sealed class AlertsService(IDbContextFactory<PortalDbContext> dbFactory, RegistryKeys keys)
{
    public async Task<IReadOnlyList<AlertView>> ListAlertsAsync(string modelKey, int take = 50, CancellationToken cancellationToken = default)
    {
        if (await keys.ModelIdAsync(modelKey, cancellationToken) is not { } modelId)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var alerts = await db.Alerts.AsNoTracking()
            .Where(a => a.Rule!.ModelId == modelId)
            .OrderByDescending(a => a.ResolvedAtUtc == null).ThenByDescending(a => a.FiredAtUtc)
            .Take(take)
            .Select(a => new
            {
                a.Rule!.EnvironmentId,
                View = new AlertView(a.Id, a.RuleId, string.Empty, a.Rule.MetricName, a.Rule.Severity, a.FiredAtUtc, a.ResolvedAtUtc, a.Value, a.Message),
            })
            .ToListAsync(cancellationToken);
        var environments = (await keys.EnvironmentsAsync(cancellationToken)).ToDictionary(e => e.Id, e => e.Key);
        return [.. alerts.Select(x => x.View with { Environment = environments[x.EnvironmentId] })];
    }

    /// <summary>Critical alerts of a model in one environment that have fired and not resolved (the deployment gate asks).</summary>
    public async Task<IReadOnlyList<AlertView>> FiringCriticalAlertsAsync(string modelKey, string environmentKey, CancellationToken cancellationToken = default) =>
        (await FiringCriticalAlertsAsync([(modelKey, environmentKey)], cancellationToken)).GetValueOrDefault((modelKey, environmentKey)) ?? [];

    /// <summary>
    /// The firing critical alerts of each (model, environment) asked, newest first, in a fixed number of reads (the
    /// approvals inbox gates many requests); pairs without one are left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<(string Model, string Environment), IReadOnlyList<AlertView>>> FiringCriticalAlertsAsync(
        IReadOnlyCollection<(string Model, string Environment)> asked, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(asked);
        var models = await keys.ModelsAsync(asked.Select(a => a.Model), cancellationToken);
        var environments = (await keys.EnvironmentsAsync(cancellationToken)).ToDictionary(e => e.Id, e => e.Key);
        var found = new Dictionary<(string, string), IReadOnlyList<AlertView>>();
        if (models.Count == 0)
        {
            return found;
        }

        var ids = models.Values.Select(m => m.Id).ToList();
        var keyOf = models.Values.ToDictionary(m => m.Id, m => m.Key);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var firing = await db.Alerts.AsNoTracking()
            .Where(a => a.ResolvedAtUtc == null && a.Rule!.Severity == AlertSeverity.Critical && ids.Contains(a.Rule.ModelId))
            .OrderByDescending(a => a.FiredAtUtc)
            .Select(a => new { a.Rule!.ModelId, a.Rule.EnvironmentId, a.Id, a.RuleId, a.Rule.MetricName, a.Rule.Severity, a.FiredAtUtc, a.ResolvedAtUtc, a.Value, a.Message })
            .ToListAsync(cancellationToken);
        var wanted = asked.ToHashSet();
        foreach (var group in firing.GroupBy(a => (keyOf[a.ModelId], environments.GetValueOrDefault(a.EnvironmentId) ?? "")))
        {
            if (wanted.Contains(group.Key))
            {
                found[group.Key] = [.. group.Select(a => new AlertView(a.Id, a.RuleId, group.Key.Item2, a.MetricName, a.Severity, a.FiredAtUtc, a.ResolvedAtUtc, a.Value, a.Message))];
            }
        }

        return found;
    }
}
