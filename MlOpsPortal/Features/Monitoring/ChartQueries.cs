using System.Collections.Concurrent;
using System.Globalization;
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
public sealed class ChartQueries(IDbContextFactory<PortalDbContext> dbFactory, SeriesKeys keys, TimeProvider clock)
{
    public const int DefaultMaxPoints = 1_000;
    public const int MaxMaxPoints = 5_000;

    // A series keeps its id for good (pruning removes points and rollups, never series), so a dashboard's charts need
    // not look each one up on every read; one not found yet is asked again, since a first point may create it.
    private readonly ConcurrentDictionary<(int? ModelId, int EnvironmentId, string Metric), long> seriesIds = new();

    public async Task<MetricQueryResult> QueryAsync(MetricQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (from, to, maxPoints) = Validate(query);
        var owner = await keys.OwnerAsync(query.Model, query.Environment!, cancellationToken);
        return (await ReadSeriesAsync(owner, [query.Metric!], from, to, maxPoints, cancellationToken))[query.Metric!];
    }

    /// <summary>
    /// Several metrics of one model in one environment over one window (a dashboard's charts), each read as
    /// <see cref="QueryAsync"/> reads it, in a fixed number of statements whatever their count; by metric name.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, MetricQueryResult>> QueryManyAsync(
        string model, string environment, IReadOnlyCollection<string> metrics, DateTimeOffset from, DateTimeOffset to, int maxPoints,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        foreach (var metric in metrics)
        {
            Validate(new MetricQuery(model, environment, metric, from, to, maxPoints));
        }

        var owner = await keys.OwnerAsync(model, environment, cancellationToken);
        return await ReadSeriesAsync(owner, [.. metrics.Distinct(StringComparer.Ordinal)], from, to, maxPoints, cancellationToken);
    }

    private (DateTimeOffset From, DateTimeOffset To, int MaxPoints) Validate(MetricQuery query)
    {
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

        // Points are kept as Unix milliseconds; a day of margin keeps the default 24-hour window inside the calendar.
        foreach (var (field, value) in new[] { ("from", query.From), ("to", query.To) })
        {
            if (value is { } at && (at.UtcDateTime < DateTime.UnixEpoch.AddDays(1) || at.UtcDateTime > DateTime.MaxValue.AddDays(-1)))
            {
                errors.Add(field, $"{field} must lie between 1970-01-02 and 9999-12-30 (ISO 8601, e.g. 2026-11-20T10:00:00Z).");
            }
        }

        errors.ThrowIfAny();
        var to = query.To ?? clock.GetUtcNow();
        var from = query.From ?? to.AddHours(-24);
        if (from >= to)
        {
            errors.Add("from", "from must be before to.");
        }

        errors.ThrowIfAny();
        return (from, to, maxPoints);
    }

    /// <summary>One of the portal's own series, downsampled like <see cref="QueryAsync"/>.</summary>
    public async Task<MetricQueryResult> QueryPortalAsync(
        string environment, string metric, DateTimeOffset from, DateTimeOffset to, int maxPoints, CancellationToken cancellationToken = default) =>
        (await ReadSeriesAsync(await keys.OwnerAsync(null, environment, cancellationToken), [metric], from, to, Math.Clamp(maxPoints, 3, MaxMaxPoints), cancellationToken))[metric];

    /// <summary>Names of the metrics <paramref name="model"/> has series for in <paramref name="environment"/>: the charts a dashboard draws.</summary>
    public async Task<IReadOnlySet<string>> MetricNamesAsync(string model, string environment, CancellationToken cancellationToken = default)
    {
        if (await keys.OwnerAsync(model, environment, cancellationToken) is not { } owner)
        {
            return new HashSet<string>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var series = await db.MetricSeries.AsNoTracking()
            .Where(s => s.ModelId == owner.ModelId && s.EnvironmentId == owner.EnvironmentId)
            .Select(s => new { s.MetricName, s.Id })
            .ToListAsync(cancellationToken);
        // The charts drawn next find their series' ids here.
        foreach (var s in series)
        {
            seriesIds[(owner.ModelId, owner.EnvironmentId, s.MetricName)] = s.Id;
        }

        return series.Select(s => s.MetricName).ToHashSet(StringComparer.Ordinal);
    }

    // Each metric's result, an empty one for a metric without a series.
    private async Task<Dictionary<string, MetricQueryResult>> ReadSeriesAsync(
        SeriesOwner? owner, IReadOnlyList<string> metrics, DateTimeOffset from, DateTimeOffset to, int maxPoints, CancellationToken cancellationToken)
    {
        var results = metrics.ToDictionary(m => m, _ => new MetricQueryResult("raw", []), StringComparer.Ordinal);
        // A key the registry does not know has no series: nothing to ask the database.
        if (owner is null || metrics.Count == 0)
        {
            return results;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // One connection for the few statements of a query: opening one runs the provider's pragmas each time.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var ids = await SeriesIdsAsync(db, owner, metrics, cancellationToken);
        if (ids.Count == 0)
        {
            return results;
        }

        var read = await ReadAsync(db, [.. ids.Values], from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds(), maxPoints, cancellationToken);
        foreach (var (metric, id) in ids)
        {
            results[metric] = read[id];
        }

        return results;
    }

    private async Task<Dictionary<string, long>> SeriesIdsAsync(PortalDbContext db, SeriesOwner owner, IReadOnlyList<string> metrics, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, long>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var metric in metrics)
        {
            if (seriesIds.TryGetValue((owner.ModelId, owner.EnvironmentId, metric), out var id))
            {
                found[metric] = id;
            }
            else
            {
                unknown.Add(metric);
            }
        }

        if (unknown.Count > 0)
        {
            var rows = await db.MetricSeries.AsNoTracking()
                .Where(s => s.ModelId == owner.ModelId && s.EnvironmentId == owner.EnvironmentId && unknown.Contains(s.MetricName))
                .Select(s => new { s.MetricName, s.Id })
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                seriesIds[(owner.ModelId, owner.EnvironmentId, row.MetricName)] = row.Id;
                found[row.MetricName] = row.Id;
            }
        }

        return found;
    }

    // Every series takes the same path as it would alone (raw points when they fit, else the coarsest rollup with enough
    // buckets, else thinned raw points); the series at each step are read together.
    private static async Task<Dictionary<long, MetricQueryResult>> ReadAsync(
        PortalDbContext db, List<long> seriesIds, long fromMs, long toMs, int maxPoints, CancellationToken cancellationToken)
    {
        // Counting stops at maxPoints + 1 per series: all that matters is whether its raw points fit.
        var cap = maxPoints + 1;
        var counts = await db.MetricSeries.AsNoTracking().Where(s => seriesIds.Contains(s.Id))
            .Select(s => new
            {
                s.Id,
                Count = db.MetricPoints.Where(p => p.SeriesId == s.Id && p.TimestampMs >= fromMs && p.TimestampMs <= toMs)
                    .OrderBy(p => p.TimestampMs).Take(cap).Count(),
            })
            .ToDictionaryAsync(s => s.Id, s => s.Count, cancellationToken);
        var results = new Dictionary<long, MetricQueryResult>();
        var fit = seriesIds.Where(id => counts.GetValueOrDefault(id) <= maxPoints).ToList();
        if (fit.Count > 0)
        {
            var points = await ReadPointsAsync(db, fit, fromMs, toMs, cancellationToken);
            foreach (var id in fit)
            {
                results[id] = Result("raw", points.GetValueOrDefault(id) ?? []);
            }
        }

        var rest = seriesIds.Where(id => !results.ContainsKey(id)).ToList();
        foreach (var (resolution, name, size) in new[] { (RollupResolution.Day, "1d", 86_400_000L), (RollupResolution.Hour, "1h", 3_600_000L), (RollupResolution.Minute, "1m", 60_000L) })
        {
            var firstBucket = RollupBuckets.BucketStart(fromMs, resolution);
            // A range shorter than maxPoints buckets cannot fill them: no need to ask the database.
            if (rest.Count == 0 || ((toMs - firstBucket) / size) + 1 < maxPoints)
            {
                continue;
            }

            // Read the buckets outright: counting them first would read them twice when they are enough.
            var averages = await ReadBucketAveragesAsync(db, rest, resolution, firstBucket, toMs, cancellationToken);
            foreach (var id in rest)
            {
                if (averages.GetValueOrDefault(id) is { } buckets && buckets.Count >= maxPoints)
                {
                    results[id] = Result(name, Lttb.Downsample(buckets, maxPoints));
                }
            }

            rest = [.. rest.Where(id => !results.ContainsKey(id))];
        }

        // Not even minute buckets give enough points (a dense burst): thin the raw points themselves.
        if (rest.Count > 0)
        {
            var points = await ReadPointsAsync(db, rest, fromMs, toMs, cancellationToken);
            foreach (var id in rest)
            {
                results[id] = Result("raw", Lttb.Downsample(points.GetValueOrDefault(id) ?? [], maxPoints));
            }
        }

        return results;
    }

    // The two reads that return thousands of rows go straight to the data reader: EF's materializer costs more per
    // row than SQLite takes to find it, and a year's chart reads 8,760 hourly buckets. Names are quoted for PostgreSQL,
    // which folds bare ones to lower case.
    private static Task<Dictionary<long, List<TimePoint>>> ReadPointsAsync(
        PortalDbContext db, IReadOnlyList<long> seriesIds, long fromMs, long toMs, CancellationToken cancellationToken) =>
        ReadTimePointsAsync(db,
            $"""SELECT "SeriesId", "TimestampMs", "Value" FROM "MetricPoints" WHERE "SeriesId" IN ({InList(seriesIds)}) AND "TimestampMs" >= @from AND "TimestampMs" <= @to ORDER BY "SeriesId", "TimestampMs" """,
            seriesIds, [("@from", fromMs), ("@to", toMs)], cancellationToken);

    private static Task<Dictionary<long, List<TimePoint>>> ReadBucketAveragesAsync(
        PortalDbContext db, IReadOnlyList<long> seriesIds, RollupResolution resolution, long fromMs, long toMs, CancellationToken cancellationToken) =>
        ReadTimePointsAsync(db,
            $"""SELECT "SeriesId", "BucketStartMs", "Sum" / "Count" FROM "MetricRollups" WHERE "SeriesId" IN ({InList(seriesIds)}) AND "Resolution" = @r AND "BucketStartMs" >= @from AND "BucketStartMs" <= @to ORDER BY "SeriesId", "BucketStartMs" """,
            seriesIds, [("@r", (long)resolution), ("@from", fromMs), ("@to", toMs)], cancellationToken);

    private static string InList(IReadOnlyList<long> seriesIds) =>
        string.Join(", ", seriesIds.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"@s{i}")));

    // Rows of (series id, time, value) in series and time order, by series.
    private static async Task<Dictionary<long, List<TimePoint>>> ReadTimePointsAsync(
        PortalDbContext db, string sql, IReadOnlyList<long> seriesIds, (string Name, long Value)[] parameters, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in seriesIds.Select((id, i) => (string.Create(CultureInfo.InvariantCulture, $"@s{i}"), id)).Concat(parameters))
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        var bySeries = new Dictionary<long, List<TimePoint>>();
        List<TimePoint>? points = null;
        var current = long.MinValue;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        // SQLite reads rows synchronously anyway; the async per-row wrapper would only add a task per row.
        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            if (points is null || id != current)
            {
                current = id;
                points = bySeries[id] = [];
            }

            points.Add(new TimePoint(reader.GetInt64(1), reader.GetDouble(2)));
        }

        return bySeries;
    }

    private static MetricQueryResult Result(string resolution, IReadOnlyList<TimePoint> points) =>
        new(resolution, [.. points.Select(p => new QueryPoint(DateTimeOffset.FromUnixTimeMilliseconds(p.T), p.V))]);
}
