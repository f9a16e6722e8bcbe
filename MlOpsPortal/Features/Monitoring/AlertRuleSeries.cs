using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>
/// Which series have an enabled alert rule, so the evaluator asks the database nothing for the many series that have
/// none (every group commit would otherwise query the rules of each series it wrote, beside the writer). One query
/// reads the whole set (rules are few); a change made on this instance forgets it at once, a change on another
/// instance is seen within <see cref="CacheFor"/>.
/// </summary>
public sealed class AlertRuleSeries(IDbContextFactory<PortalDbContext> dbFactory)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private sealed record Loaded(HashSet<(int ModelId, int EnvironmentId, string Metric)> Series, long LoadedAt);

    private Loaded? loaded;
    private long generation;

    /// <summary>Call after saving a rule's creation, change or deletion.</summary>
    public void Forget()
    {
        Interlocked.Increment(ref generation);
        loaded = null;
    }

    public async Task<bool> HasRulesAsync(int modelId, int environmentId, string metric, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var current = loaded;
        if (current is null || Stopwatch.GetElapsedTime(current.LoadedAt) >= CacheFor)
        {
            var started = Interlocked.Read(ref generation);
            var loadedAt = Stopwatch.GetTimestamp();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var rows = await db.AlertRules.AsNoTracking().Where(r => r.Enabled)
                .Select(r => new { r.ModelId, r.EnvironmentId, r.MetricName }).ToListAsync(cancellationToken);
            current = new Loaded([.. rows.Select(r => (r.ModelId, r.EnvironmentId, r.MetricName))], loadedAt);
            // A rule saved while this read ran may be missing from it: used for this call, kept only if nothing changed.
            if (Interlocked.Read(ref generation) == started)
            {
                loaded = current;
            }
        }

        return current.Series.Contains((modelId, environmentId, metric));
    }
}
