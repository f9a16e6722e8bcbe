using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>
/// The demo's monitoring past: hourly and daily rollups for the <see cref="Days"/> days before the simulator's raw day, so
/// 7- and 30-day dashboards show the churn model's decline from the first run without writing millions of raw points.
/// Each hour is summarised from <see cref="SamplesPerHour"/> samples of the same curve the live simulator draws.
/// </summary>
public sealed class SimulatedHistory(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public const int Days = 90;
    public const int SamplesPerHour = 6;

    private const long HourMs = 3_600_000L;
    private const long DayMs = 86_400_000L;

    private static readonly string[] ParameterNames = ["@s", "@r", "@b", "@c", "@sum", "@min", "@max", "@last", "@lt"];

    /// <summary>
    /// Writes the hours before <paramref name="rawStart"/> that have no rollup yet, and adds them to their days, one series
    /// at a time with <paramref name="pause"/> between them so a starting portal's requests keep the CPU. Returns the hours written.
    /// </summary>
    public async Task<int> WriteAsync(
        int modelId, string modelKey, int environmentId, string environmentKey, DateTimeOffset rawStart, TimeSpan pause, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var series = await db.MetricSeries.AsNoTracking()
            .Where(s => s.ModelId == modelId && s.EnvironmentId == environmentId && MetricsSimulator.Metrics.Contains(s.MetricName))
            .ToDictionaryAsync(s => s.MetricName, s => s.Id, cancellationToken);
        var end = RollupBuckets.BucketStart(rawStart.ToUnixTimeMilliseconds(), RollupResolution.Hour);
        var start = RollupBuckets.BucketStart(end, RollupResolution.Day) - ((Days - 1) * DayMs);
        var written = 0;
        foreach (var (metric, seriesId) in series)
        {
            var existing = (await db.MetricRollups.AsNoTracking()
                .Where(r => r.SeriesId == seriesId && r.Resolution == RollupResolution.Hour && r.BucketStartMs >= start && r.BucketStartMs < end)
                .Select(r => r.BucketStartMs).ToListAsync(cancellationToken)).ToHashSet();
            var hours = new List<MetricRollup>();
            for (var hour = start; hour < end; hour += HourMs)
            {
                if (!existing.Contains(hour))
                {
                    hours.Add(Summarise(seriesId, hour, modelKey, environmentKey, metric));
                }
            }

            await StoreAsync(db, seriesId, hours, cancellationToken);
            written += hours.Count;
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, clock, cancellationToken);
            }
        }

        return written;
    }

    /// <summary>
    /// One short transaction per series: the hours and the days not stored yet through one prepared insert (entities
    /// would cost the live requests of a starting portal their CPU), and the raw day's existing rollup merged.
    /// </summary>
    private static async Task StoreAsync(PortalDbContext db, long seriesId, List<MetricRollup> hours, CancellationToken cancellationToken)
    {
        var days = hours.GroupBy(h => RollupBuckets.BucketStart(h.BucketStartMs, RollupResolution.Day))
            .Select(g => Merge(new MetricRollup { SeriesId = seriesId, Resolution = RollupResolution.Day, BucketStartMs = g.Key, Min = double.MaxValue, Max = double.MinValue }, g))
            .ToList();
        var dayKeys = days.Select(d => d.BucketStartMs).ToList();
        await db.InTransactionAsync(async transaction =>
        {
            var stored = await db.MetricRollups.Where(r => r.SeriesId == seriesId && r.Resolution == RollupResolution.Day && dayKeys.Contains(r.BucketStartMs))
                .ToListAsync(cancellationToken);
            foreach (var day in stored)
            {
                Merge(day, [days.Single(d => d.BucketStartMs == day.BucketStartMs)]);
            }

            await db.SaveChangesAsync(cancellationToken);
            var storedKeys = stored.Select(d => d.BucketStartMs).ToHashSet();
            await using var insert = db.Database.GetDbConnection().CreateCommand();
            insert.Transaction = transaction.GetDbTransaction();
            insert.CommandText = """INSERT INTO "MetricRollups" ("SeriesId", "Resolution", "BucketStartMs", "Count", "Sum", "Min", "Max", "Last", "LastTimestampMs") """
                + "VALUES (@s, @r, @b, @c, @sum, @min, @max, @last, @lt)";
            var parameters = ParameterNames.Select(name =>
            {
                var parameter = insert.CreateParameter();
                parameter.ParameterName = name;
                insert.Parameters.Add(parameter);
                return parameter;
            }).ToArray();
            foreach (var r in hours.Concat(days.Where(d => !storedKeys.Contains(d.BucketStartMs))))
            {
                object[] values = [r.SeriesId, (int)r.Resolution, r.BucketStartMs, r.Count, r.Sum, r.Min, r.Max, r.Last, r.LastTimestampMs];
                for (var i = 0; i < values.Length; i++)
                {
                    parameters[i].Value = values[i];
                }

                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }, cancellationToken);
    }

    private static MetricRollup Summarise(long seriesId, long bucket, string model, string environment, string metric)
    {
        var rollup = new MetricRollup { SeriesId = seriesId, Resolution = RollupResolution.Hour, BucketStartMs = bucket, Min = double.MaxValue, Max = double.MinValue };
        for (var i = 0; i < SamplesPerHour; i++)
        {
            var at = bucket + ((i * 2 + 1) * HourMs / (2 * SamplesPerHour));
            var value = MetricsSimulator.Sample(model, environment, metric, DateTimeOffset.FromUnixTimeMilliseconds(at));
            rollup.Count++;
            rollup.Sum += value;
            rollup.Min = Math.Min(rollup.Min, value);
            rollup.Max = Math.Max(rollup.Max, value);
            (rollup.Last, rollup.LastTimestampMs) = (value, at);
        }

        return rollup;
    }

    /// <summary>Adds the hours to a day's rollup: the raw day's may hold later points than these already.</summary>
    private static MetricRollup Merge(MetricRollup day, IEnumerable<MetricRollup> hours)
    {
        foreach (var hour in hours)
        {
            day.Count += hour.Count;
            day.Sum += hour.Sum;
            day.Min = Math.Min(day.Min, hour.Min);
            day.Max = Math.Max(day.Max, hour.Max);
            if (hour.LastTimestampMs >= day.LastTimestampMs)
            {
                (day.Last, day.LastTimestampMs) = (hour.Last, hour.LastTimestampMs);
            }
        }

        return day;
    }
}
