using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Monitoring;

public sealed record MetricQuery(string? Model, string? Environment, string? Metric, DateTimeOffset? From, DateTimeOffset? To, int? MaxPoints);

public sealed record QueryPoint(DateTimeOffset T, double V);

public sealed record MetricQueryResult(string Resolution, IReadOnlyList<QueryPoint> Points);

/// <summary>
/// Reads a series for a chart: every raw point when they fit, otherwise the coarsest rollup that still has enough
/// buckets, then LTTB to the requested width. A year of per-minute points never reads a raw row.
/// </summary>
public sealed partial class MetricsQueries(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public const int DefaultMaxPoints = 1_000;
    public const int MaxMaxPoints = 5_000;

    public async Task<MetricQueryResult> QueryAsync(MetricQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new FieldErrors();
        errors.Required("model", query.Model, "Model");
        errors.Required("environment", query.Environment, "Environment");
        if (!MetricNames.IsValid(query.Metric))
        {
            errors.Add("metric", $"Metric must be a metric name such as model.accuracy (matching {MetricNames.Pattern}).");
        }

        var maxPoints = query.MaxPoints ?? DefaultMaxPoints;
        if (maxPoints is < 3 or > MaxMaxPoints)
        {
            errors.Add("maxPoints", $"maxPoints must be between 3 and {MaxMaxPoints:N0}.");
        }

        var to = query.To ?? clock.GetUtcNow();
        var from = query.From ?? to.AddHours(-24);
        if (from >= to)
        {
            errors.Add("from", "from must be before to.");
        }

        errors.ThrowIfAny();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var seriesId = await db.MetricSeries.AsNoTracking()
            .Where(s => s.Model!.Key == query.Model && s.Environment!.Key == query.Environment && s.MetricName == query.Metric)
            .Select(s => (long?)s.Id)
            .SingleOrDefaultAsync(cancellationToken);
        if (seriesId is null)
        {
            return new MetricQueryResult("raw", []);
        }

        return await ReadAsync(db, seriesId.Value, from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds(), maxPoints, cancellationToken);
    }

    private static async Task<MetricQueryResult> ReadAsync(PortalDbContext db, long seriesId, long fromMs, long toMs, int maxPoints, CancellationToken cancellationToken)
    {
        var raw = db.MetricPoints.AsNoTracking().Where(p => p.SeriesId == seriesId && p.TimestampMs >= fromMs && p.TimestampMs <= toMs);
        // Counting stops at maxPoints + 1: all that matters is whether the raw points fit.
        var rawFits = await raw.Take(maxPoints + 1).CountAsync(cancellationToken) <= maxPoints;
        if (rawFits)
        {
            var points = await raw.OrderBy(p => p.TimestampMs).Select(p => new TimePoint(p.TimestampMs, p.Value)).ToListAsync(cancellationToken);
            return Result("raw", points);
        }

        foreach (var (resolution, name) in new[] { (RollupResolution.Day, "1d"), (RollupResolution.Hour, "1h"), (RollupResolution.Minute, "1m") })
        {
            var buckets = db.MetricRollups.AsNoTracking()
                .Where(r => r.SeriesId == seriesId && r.Resolution == resolution && r.BucketStartMs >= RollupBuckets.BucketStart(fromMs, resolution) && r.BucketStartMs <= toMs);
            if (await buckets.Take(maxPoints).CountAsync(cancellationToken) >= maxPoints)
            {
                var averages = await buckets.OrderBy(r => r.BucketStartMs)
                    .Select(r => new TimePoint(r.BucketStartMs, r.Sum / r.Count))
                    .ToListAsync(cancellationToken);
                return Result(name, Lttb.Downsample(averages, maxPoints));
            }
        }

        // Not even minute buckets give enough points (a dense burst): thin the raw points themselves.
        var all = await raw.OrderBy(p => p.TimestampMs).Select(p => new TimePoint(p.TimestampMs, p.Value)).ToListAsync(cancellationToken);
        return Result("raw", Lttb.Downsample(all, maxPoints));
    }

    private static MetricQueryResult Result(string resolution, IReadOnlyList<TimePoint> points) =>
        new(resolution, [.. points.Select(p => new QueryPoint(DateTimeOffset.FromUnixTimeMilliseconds(p.T), p.V))]);
}
