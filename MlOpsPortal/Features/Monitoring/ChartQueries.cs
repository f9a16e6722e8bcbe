using System.Collections.Concurrent;
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
    private readonly ConcurrentDictionary<(int? ModelId, int EnvironmentId, string Metric), long?> seriesIds = new();

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
        return await ReadSeriesAsync(await keys.OwnerAsync(query.Model, query.Environment!, cancellationToken), query.Metric!, from, to, maxPoints, cancellationToken);
    }

    /// <summary>One of the portal's own series, downsampled like <see cref="QueryAsync"/>.</summary>
    public async Task<MetricQueryResult> QueryPortalAsync(
        string environment, string metric, DateTimeOffset from, DateTimeOffset to, int maxPoints, CancellationToken cancellationToken = default) =>
        await ReadSeriesAsync(await keys.OwnerAsync(null, environment, cancellationToken), metric, from, to, Math.Clamp(maxPoints, 3, MaxMaxPoints), cancellationToken);

    /// <summary>Names of the metrics <paramref name="model"/> has series for in <paramref name="environment"/>: the charts a dashboard draws.</summary>
    public async Task<IReadOnlySet<string>> MetricNamesAsync(string model, string environment, CancellationToken cancellationToken = default)
    {
        if (await keys.OwnerAsync(model, environment, cancellationToken) is not { } owner)
        {
            return new HashSet<string>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var names = await db.MetricSeries.AsNoTracking()
            .Where(s => s.ModelId == owner.ModelId && s.EnvironmentId == owner.EnvironmentId)
            .Select(s => s.MetricName)
            .ToListAsync(cancellationToken);
        return names.ToHashSet(StringComparer.Ordinal);
    }

    private async Task<MetricQueryResult> ReadSeriesAsync(
        SeriesOwner? owner, string metric, DateTimeOffset from, DateTimeOffset to, int maxPoints, CancellationToken cancellationToken)
    {
        // A key the registry does not know has no series: nothing to ask the database.
        if (owner is null)
        {
            return new MetricQueryResult("raw", []);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // One connection for the few statements of a query: opening one runs the provider's pragmas each time.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var key = (owner.ModelId, owner.EnvironmentId, metric);
        if (!seriesIds.TryGetValue(key, out var known))
        {
            known = await db.MetricSeries.AsNoTracking()
                .Where(s => s.ModelId == owner.ModelId && s.EnvironmentId == owner.EnvironmentId && s.MetricName == metric)
                .Select(s => (long?)s.Id)
                .SingleOrDefaultAsync(cancellationToken);
            if (known is not null)
            {
                seriesIds[key] = known;
            }
        }

        var seriesId = known;
        return seriesId is null
            ? new MetricQueryResult("raw", [])
            : await ReadAsync(db, seriesId.Value, from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds(), maxPoints, cancellationToken);
    }

    private static async Task<MetricQueryResult> ReadAsync(PortalDbContext db, long seriesId, long fromMs, long toMs, int maxPoints, CancellationToken cancellationToken)
    {
        var raw = db.MetricPoints.AsNoTracking().Where(p => p.SeriesId == seriesId && p.TimestampMs >= fromMs && p.TimestampMs <= toMs);
        // Counting stops at maxPoints + 1: all that matters is whether the raw points fit.
        var rawFits = await raw.OrderBy(p => p.TimestampMs).Take(maxPoints + 1).CountAsync(cancellationToken) <= maxPoints;
        if (rawFits)
        {
            return Result("raw", await ReadPointsAsync(db, seriesId, fromMs, toMs, cancellationToken));
        }

        foreach (var (resolution, name, size) in new[] { (RollupResolution.Day, "1d", 86_400_000L), (RollupResolution.Hour, "1h", 3_600_000L), (RollupResolution.Minute, "1m", 60_000L) })
        {
            var firstBucket = RollupBuckets.BucketStart(fromMs, resolution);
            // A range shorter than maxPoints buckets cannot fill them: no need to ask the database.
            if (((toMs - firstBucket) / size) + 1 < maxPoints)
            {
                continue;
            }

            // Read the buckets outright: counting them first would read them twice when they are enough.
            var averages = await ReadBucketAveragesAsync(db, seriesId, resolution, firstBucket, toMs, cancellationToken);
            if (averages.Count >= maxPoints)
            {
                return Result(name, Lttb.Downsample(averages, maxPoints));
            }
        }

        // Not even minute buckets give enough points (a dense burst): thin the raw points themselves.
        return Result("raw", Lttb.Downsample(await ReadPointsAsync(db, seriesId, fromMs, toMs, cancellationToken), maxPoints));
    }

    // The two reads that return thousands of rows go straight to the data reader: EF's materializer costs more per
    // row than SQLite takes to find it, and a year's chart reads 8,760 hourly buckets. Names are quoted for PostgreSQL,
    // which folds bare ones to lower case.
    private static Task<List<TimePoint>> ReadPointsAsync(PortalDbContext db, long seriesId, long fromMs, long toMs, CancellationToken cancellationToken) =>
        ReadTimePointsAsync(db,
            """SELECT "TimestampMs", "Value" FROM "MetricPoints" WHERE "SeriesId" = @s AND "TimestampMs" >= @from AND "TimestampMs" <= @to ORDER BY "TimestampMs" """,
            [("@s", seriesId), ("@from", fromMs), ("@to", toMs)], cancellationToken);

    private static Task<List<TimePoint>> ReadBucketAveragesAsync(PortalDbContext db, long seriesId, RollupResolution resolution, long fromMs, long toMs, CancellationToken cancellationToken) =>
        ReadTimePointsAsync(db,
            """SELECT "BucketStartMs", "Sum" / "Count" FROM "MetricRollups" WHERE "SeriesId" = @s AND "Resolution" = @r AND "BucketStartMs" >= @from AND "BucketStartMs" <= @to ORDER BY "BucketStartMs" """,
            [("@s", seriesId), ("@r", (long)resolution), ("@from", fromMs), ("@to", toMs)], cancellationToken);

    private static async Task<List<TimePoint>> ReadTimePointsAsync(PortalDbContext db, string sql, (string Name, long Value)[] parameters, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        var points = new List<TimePoint>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        // SQLite reads rows synchronously anyway; the async per-row wrapper would only add a task per row.
        while (reader.Read())
        {
            points.Add(new TimePoint(reader.GetInt64(0), reader.GetDouble(1)));
        }

        return points;
    }

    private static MetricQueryResult Result(string resolution, IReadOnlyList<TimePoint> points) =>
        new(resolution, [.. points.Select(p => new QueryPoint(DateTimeOffset.FromUnixTimeMilliseconds(p.T), p.V))]);
}
