using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Features.Notifications;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Health;

/// <summary>
/// Every 15 minutes: finds the versions that report metrics from an environment without an approved deployment there
/// and records each such shadow deployment once per version and environment, as an audit event, with a notice to the
/// model's followers. The health score shows it from the first point; this makes it evidence an auditor can find.
/// </summary>
public sealed class WatchShadowDeploymentsJob(
    IDbContextFactory<PortalDbContext> dbFactory, ModelsService models, MonitoringCoverage monitoring, HealthScore health,
    ModelFollowers followers, NotificationsService notifications, TimeProvider clock)
{
    public const string RecurringId = "watch-shadow-deployments";
    public const string Cron = "*/15 * * * *";
    public const string Action = "health.shadow-deployment";

    /// <summary>Records the shadow deployments not recorded before and returns them.</summary>
    public async Task<IReadOnlyList<ShadowDeployment>> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var keys = (await models.PortfolioAsync(now, cancellationToken)).ToDictionary(m => m.Id, m => m.Key);
        var reporting = (await monitoring.ActivityAsync(now.AddDays(-1), now, cancellationToken)).Where(a => a.InPeriod && keys.ContainsKey(a.ModelId)).ToList();
        var recorded = new List<ShadowDeployment>();
        foreach (var group in reporting.GroupBy(a => a.Environment, StringComparer.Ordinal))
        {
            var reports = await health.ComputeAsync([.. group.Select(a => keys[a.ModelId])], group.Key, cancellationToken);
            foreach (var activity in group)
            {
                var key = keys[activity.ModelId];
                if (reports.GetValueOrDefault(key)?.ShadowDeployment is { } shadow && await RecordAsync(activity.ModelId, key, shadow, cancellationToken))
                {
                    recorded.Add(shadow);
                }
            }
        }

        return recorded;
    }

    private async Task<bool> RecordAsync(int modelId, string modelKey, ShadowDeployment shadow, CancellationToken cancellationToken)
    {
        var entityId = $"{modelKey}/{shadow.Version}";
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var earlier = await db.AuditEvents.AsNoTracking().Where(e => e.Action == Action && e.EntityType == nameof(ModelVersion) && e.EntityId == entityId)
            .Select(e => e.Details).ToListAsync(cancellationToken);
        if (earlier.Any(details => EnvironmentOf(details) == shadow.Environment))
        {
            return false;
        }

        db.AddAuditEvent(AuditActor.System, Action, nameof(ModelVersion), entityId,
            new { environment = shadow.Environment, version = shadow.Version, explanation = shadow.Explanation });
        var recipients = await followers.FollowerIdsAsync(modelId, cancellationToken);
        await notifications.AddAsync(db, [.. recipients.Select(r => new Notice(r, $"shadow-deployment:{entityId}:{shadow.Environment}:{r}",
            $"Shadow deployment: {modelKey} {shadow.Explanation}", MonitoringLinks.Dashboard(modelKey, shadow.Environment), true))], cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (NotificationsService.IsAlreadySent(ex))
        {
            // A racing run recorded it a moment ago, with its notices.
            return false;
        }
    }

    private static string? EnvironmentOf(string? details)
    {
        if (details is null)
        {
            return null;
        }

        using var json = JsonDocument.Parse(details);
        return json.RootElement.TryGetProperty("environment", out var environment) ? environment.GetString() : null;
    }
}
