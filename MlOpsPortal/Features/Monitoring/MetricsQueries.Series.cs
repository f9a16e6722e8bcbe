using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Architecture;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>The newest point of one series: what a summary or a table shows without drawing a chart.</summary>
[FeatureContract]
public sealed record LatestPoint(string? Model, string Environment, string Metric, DateTimeOffset T, double V);

// Read-only lookups for the dashboards; ingestion and storage live in the other files.
public sealed partial class MetricsQueries
{
    /// <summary>
    /// The newest point of every series of <paramref name="model"/> (every model when null) whose name is in
    /// <paramref name="metrics"/>, optionally in one environment. Series without points are left out.
    /// </summary>
    public async Task<IReadOnlyList<LatestPoint>> LatestAsync(
        string? model, string? environment, IReadOnlyCollection<string> metrics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var series = db.MetricSeries.AsNoTracking().Where(s => s.ModelId != null && metrics.Contains(s.MetricName));
        if (model is not null)
        {
            var modelId = await keys.ModelIdAsync(model, cancellationToken);
            series = series.Where(s => s.ModelId == modelId);
        }

        if (environment is not null)
        {
            var environmentId = (await keys.EnvironmentAsync(environment, cancellationToken))?.Id;
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

    /// <summary>Names of the metrics <paramref name="model"/> has series for in <paramref name="environment"/>.</summary>
    public async Task<IReadOnlySet<string>> MetricNamesAsync(string model, string environment, CancellationToken cancellationToken = default)
    {
        var (modelId, environmentId) = await SeriesKeyAsync(model, environment, cancellationToken);
        if (modelId is null || environmentId is null)
        {
            return new HashSet<string>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var names = await db.MetricSeries.AsNoTracking()
            .Where(s => s.ModelId == modelId && s.EnvironmentId == environmentId)
            .Select(s => s.MetricName)
            .ToListAsync(cancellationToken);
        return names.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>One of the portal's own series, downsampled like <see cref="QueryAsync"/>.</summary>
    public async Task<MetricQueryResult> QueryPortalAsync(
        string environment, string metric, DateTimeOffset from, DateTimeOffset to, int maxPoints, CancellationToken cancellationToken = default)
    {
        var environmentId = (await keys.EnvironmentAsync(environment, cancellationToken))?.Id;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // The point reads below go straight to the data reader on this context's connection.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var seriesId = await db.MetricSeries.AsNoTracking()
            .Where(s => s.ModelId == null && s.EnvironmentId == environmentId && s.MetricName == metric)
            .Select(s => (long?)s.Id)
            .SingleOrDefaultAsync(cancellationToken);
        return seriesId is null
            ? new MetricQueryResult("raw", [])
            : await ReadAsync(db, seriesId.Value, from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds(), Math.Clamp(maxPoints, 3, MaxMaxPoints), cancellationToken);
    }

    /// <summary>The ids a series of (model, environment) is stored under; null for a key the registry does not know.</summary>
    private async Task<(int? ModelId, int? EnvironmentId)> SeriesKeyAsync(string? model, string? environment, CancellationToken cancellationToken) =>
        (model is null ? null : await keys.ModelIdAsync(model, cancellationToken),
         environment is null ? null : (await keys.EnvironmentAsync(environment, cancellationToken))?.Id);

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
        var models = await keys.ModelKeysAsync(rows.Where(r => r.ModelId is not null).Select(r => r.ModelId!.Value), cancellationToken);
        var environments = (await keys.EnvironmentsAsync(cancellationToken)).ToDictionary(e => e.Id, e => e.Key);
        return [.. rows.Select(r => new LatestPoint(
            r.ModelId is { } id ? models[id] : null, environments[r.EnvironmentId], r.MetricName, DateTimeOffset.FromUnixTimeMilliseconds(r.TimestampMs), r.Value))];
    }
}
