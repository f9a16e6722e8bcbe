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
    public async Task<IReadOnlyList<AlertView>> FiringCriticalAlertsAsync(string modelKey, string environmentKey, CancellationToken cancellationToken = default)
    {
        var modelId = await keys.ModelIdAsync(modelKey, cancellationToken);
        var environmentId = (await keys.EnvironmentAsync(environmentKey, cancellationToken))?.Id;
        if (modelId is null || environmentId is null)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Alerts.AsNoTracking()
            .Where(a => a.ResolvedAtUtc == null && a.Rule!.Severity == AlertSeverity.Critical && a.Rule.ModelId == modelId && a.Rule.EnvironmentId == environmentId)
            .OrderByDescending(a => a.FiredAtUtc)
            .Select(a => new AlertView(a.Id, a.RuleId, environmentKey, a.Rule!.MetricName, a.Rule.Severity, a.FiredAtUtc, a.ResolvedAtUtc, a.Value, a.Message))
            .ToListAsync(cancellationToken);
    }
}
