using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>
/// The demo's monitoring past: hourly and daily rollups for the <see cref="Days"/> days before the simulator's raw day, so
/// 7- and 30-day dashboards show the churn model's decline from the first run without writing millions of raw points.
/// Each hour is summarised from <see cref="SamplesPerHour"/> samples of the same curve the live simulator draws.
/// </summary>
public sealed class SimulatedHistory(IDbContextFactory<PortalDbContext> dbFactory)
{
    public const int Days = 90;
    public const int SamplesPerHour = 6;

    private const long HourMs = 3_600_000L;
    private const long DayMs = 86_400_000L;

    /// <summary>Writes the hours before <paramref name="rawStart"/> that have no rollup yet, and adds them to their days. Returns the hours written.</summary>
    public async Task<int> WriteAsync(int modelId, string modelKey, int environmentId, string environmentKey, DateTimeOffset rawStart, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
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
                    hours.Add(Summarise(seriesId, RollupResolution.Hour, hour, modelKey, environmentKey, metric));
                }
            }

            db.MetricRollups.AddRange(hours);
            foreach (var day in hours.GroupBy(h => RollupBuckets.BucketStart(h.BucketStartMs, RollupResolution.Day)))
            {
                await AddToDayAsync(db, seriesId, day.Key, [.. day], cancellationToken);
            }

            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            written += hours.Count;
        }

        return written;
    }

    private static MetricRollup Summarise(long seriesId, RollupResolution resolution, long bucket, string model, string environment, string metric)
    {
        var rollup = new MetricRollup { SeriesId = seriesId, Resolution = resolution, BucketStartMs = bucket, Min = double.MaxValue, Max = double.MinValue };
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

    /// <summary>Adds the hours to their day's rollup: the raw day's may exist already, with later points than these.</summary>
    private static async Task AddToDayAsync(PortalDbContext db, long seriesId, long day, List<MetricRollup> hours, CancellationToken cancellationToken)
    {
        var rollup = await db.MetricRollups.SingleOrDefaultAsync(r => r.SeriesId == seriesId && r.Resolution == RollupResolution.Day && r.BucketStartMs == day, cancellationToken);
        if (rollup is null)
        {
            rollup = new MetricRollup { SeriesId = seriesId, Resolution = RollupResolution.Day, BucketStartMs = day, Min = double.MaxValue, Max = double.MinValue };
            db.MetricRollups.Add(rollup);
        }

        foreach (var hour in hours)
        {
            rollup.Count += hour.Count;
            rollup.Sum += hour.Sum;
            rollup.Min = Math.Min(rollup.Min, hour.Min);
            rollup.Max = Math.Max(rollup.Max, hour.Max);
            if (hour.LastTimestampMs >= rollup.LastTimestampMs)
            {
                (rollup.Last, rollup.LastTimestampMs) = (hour.Last, hour.LastTimestampMs);
            }
        }
    }
}
