namespace MlOpsPortal.Features.Monitoring;

/// <summary>The 1-minute, 1-hour and 1-day aggregates of a set of new points, one entry per bucket.</summary>
internal sealed class RollupBuckets
{
    private static readonly (RollupResolution Resolution, long Milliseconds)[] Resolutions =
    [
        (RollupResolution.Minute, 60_000L), (RollupResolution.Hour, 3_600_000L), (RollupResolution.Day, 86_400_000L),
    ];

    private readonly Dictionary<(long Series, RollupResolution Resolution, long Bucket), MetricRollup> buckets = [];

    public IEnumerable<MetricRollup> All => buckets.Values;

    public static long BucketStart(long timestampMs, RollupResolution resolution)
    {
        var size = Resolutions.Single(r => r.Resolution == resolution).Milliseconds;
        return timestampMs - (((timestampMs % size) + size) % size);
    }

    public void Add(long seriesId, long timestampMs, double value)
    {
        foreach (var (resolution, size) in Resolutions)
        {
            var start = timestampMs - (((timestampMs % size) + size) % size);
            if (buckets.TryGetValue((seriesId, resolution, start), out var rollup))
            {
                rollup.Count++;
                rollup.Sum += value;
                rollup.Min = Math.Min(rollup.Min, value);
                rollup.Max = Math.Max(rollup.Max, value);
                if (timestampMs >= rollup.LastTimestampMs)
                {
                    rollup.Last = value;
                    rollup.LastTimestampMs = timestampMs;
                }
            }
            else
            {
                buckets[(seriesId, resolution, start)] = new MetricRollup
                {
                    SeriesId = seriesId, Resolution = resolution, BucketStartMs = start, Count = 1, Sum = value,
                    Min = value, Max = value, Last = value, LastTimestampMs = timestampMs,
                };
            }
        }
    }
}
