namespace MlOpsPortal.Features.Monitoring;

public readonly record struct TimePoint(long T, double V);

/// <summary>
/// Largest-Triangle-Three-Buckets (Steinarsson, 2013): keeps the first and last points and, from each of the
/// threshold − 2 buckets between them, the point forming the largest triangle with its neighbours — the shape of
/// the line survives where averaging would flatten spikes.
/// </summary>
public static class Lttb
{
    public static IReadOnlyList<TimePoint> Downsample(IReadOnlyList<TimePoint> points, int threshold)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (threshold >= points.Count || threshold < 3)
        {
            return threshold < 3 && points.Count > threshold ? [.. points.Take(Math.Max(threshold, 0))] : points;
        }

        var sampled = new List<TimePoint>(threshold) { points[0] };
        var bucketSize = (double)(points.Count - 2) / (threshold - 2);
        var chosen = 0;
        for (var bucket = 0; bucket < threshold - 2; bucket++)
        {
            // The next bucket's average is the third corner of the triangle.
            var nextStart = (int)Math.Floor(((bucket + 1) * bucketSize) + 1);
            var nextEnd = Math.Min((int)Math.Floor(((bucket + 2) * bucketSize) + 1), points.Count);
            double averageT = 0, averageV = 0;
            for (var i = nextStart; i < nextEnd; i++)
            {
                averageT += points[i].T;
                averageV += points[i].V;
            }

            var nextCount = Math.Max(nextEnd - nextStart, 1);
            averageT /= nextCount;
            averageV /= nextCount;

            var start = (int)Math.Floor((bucket * bucketSize) + 1);
            var end = (int)Math.Floor(((bucket + 1) * bucketSize) + 1);
            var anchor = points[chosen];
            var largest = -1d;
            var pick = start;
            for (var i = start; i < end; i++)
            {
                var area = Math.Abs(((anchor.T - averageT) * (points[i].V - anchor.V)) - ((anchor.T - points[i].T) * (averageV - anchor.V)));
                if (area > largest)
                {
                    largest = area;
                    pick = i;
                }
            }

            sampled.Add(points[pick]);
            chosen = pick;
        }

        sampled.Add(points[^1]);
        return sampled;
    }
}
