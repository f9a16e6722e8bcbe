using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Architecture;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>The newest point of one series: what a summary or a table shows without drawing a chart.</summary>
[FeatureContract]
public sealed record LatestPoint(string? Model, string Environment, string Metric, DateTimeOffset T, double V);

/// <summary>The newest point of many series at once, for summaries, tables and tiles.</summary>
[FeatureContract]
public sealed class LatestPointQueries(IDbContextFactory<PortalDbContext> dbFactory, RegistryKeys keys)
{
    /// <summary>
    /// The newest point of every series of <paramref name="model"/> (every model when null) whose name is in
    /// <paramref name="metrics"/>, optionally in one environment. Series without points are left out.
    /// </summary>
    public async Task<IReadOnlyList<LatestPoint>> LatestAsync(
        string? model, string? environment, IReadOnlyCollection<string> metrics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var modelId = model is null ? null : await keys.ModelIdAsync(model, cancellationToken);
        var environmentId = environment is null ? null : (await keys.EnvironmentAsync(environment, cancellationToken))?.Id;
        // A key the registry does not know has no series; left unresolved it must not widen the filter to every series.
        if ((model is not null && modelId is null) || (environment is not null && environmentId is null))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var series = db.MetricSeries.AsNoTracking().Where(s => s.ModelId != null && metrics.Contains(s.MetricName));
        if (modelId is not null)
        {
            series = series.Where(s => s.ModelId == modelId);
        }

        if (environmentId is not null)
        {
            series = series.Where(s => s.EnvironmentId == environmentId);
        }

        return await LatestOfAsync(db, series, cancellationToken);
    }

    /// <summary>The portal's own series (no model), newest point each: CPU, memory, network, load time once they are pushed.</summary>
    public async Task<IReadOnlyList<LatestPoint>> LatestPortalAsync(IReadOnlyCollection<string> metrics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await LatestOfAsync(db, db.MetricSeries.AsNoTracking().Where(s => s.ModelId == null && metrics.Contains(s.MetricName)), cancellationToken);
    }

    private async Task<IReadOnlyList<LatestPoint>> LatestOfAsync(PortalDbContext db, IQueryable<MetricSeries> series, CancellationToken cancellationToken)
    {
        // The correlated MAX is answered from the (SeriesId, TimestampMs) primary key: one seek per series, no scan.
        var rows = await series
            .Join(db.MetricPoints.AsNoTracking(), s => s.Id, p => p.SeriesId, (s, p) => new
            {
                s.ModelId,
                s.EnvironmentId,
                s.MetricName,
                p.SeriesId,
                p.TimestampMs,
                p.Value,
            })
            .Where(r => r.TimestampMs == db.MetricPoints.Where(q => q.SeriesId == r.SeriesId).Max(q => q.TimestampMs))
            .ToListAsync(cancellationToken);
        // One look-up for every model in the rows; environments are the registry's cached list.
        var models = await keys.ModelKeysAsync(rows.Where(r => r.ModelId is not null).Select(r => r.ModelId!.Value), cancellationToken);
        var environments = (await keys.EnvironmentsAsync(cancellationToken)).ToDictionary(e => e.Id, e => e.Key);
        return [.. rows.Select(r => new LatestPoint(
            r.ModelId is { } id ? models[id] : null, environments[r.EnvironmentId], r.MetricName, DateTimeOffset.FromUnixTimeMilliseconds(r.TimestampMs), r.Value))];
    }
}
