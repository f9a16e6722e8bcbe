using System.Text.Json;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>
/// Live points fanned out once per series: each watched series has one feed subscription, and each publication is
/// serialised once and queued on the socket of every browser that shows the series. Nothing per point runs in a
/// circuit (no render, no acknowledgement), which is what let a point reach thousands of open dashboards quickly.
/// </summary>
public sealed class LiveBroadcast(MetricsFeed feed, TimeProvider clock)
{
    private readonly Lock gate = new();
    private readonly Dictionary<LiveSeries, Watch> watches = [];

    /// <summary>Series with at least one listener.</summary>
    public int WatchedSeries
    {
        get
        {
            lock (gate)
            {
                return watches.Count;
            }
        }
    }

    /// <summary>The live message for points of one series: <c>{"key", "now", "points": [[unix ms, value], …]}</c>.</summary>
    public static byte[] Message(LiveSeries series, IEnumerable<CommittedPoint> points, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(points);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("key", series.Key);
            json.WriteNumber("now", now.ToUnixTimeMilliseconds());
            json.WriteStartArray("points");
            foreach (var point in points)
            {
                json.WriteStartArray();
                json.WriteNumberValue(point.TimestampMs);
                json.WriteNumberValue(point.Value);
                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Sends the points of <paramref name="series"/> to the socket <paramref name="listener"/> from now on; completes once points
    /// committed elsewhere are heard too. A listener that joins a series twice hears it once and leaves it twice.
    /// </summary>
    internal Task JoinAsync(LiveSeries series, LiveConnection listener)
    {
        Watch? watch;
        lock (gate)
        {
            if (!watches.TryGetValue(series, out watch))
            {
                watches[series] = watch = new Watch(series);
                var joined = watch;
                watch.Subscription = feed.Subscribe([series], points => Broadcast(joined, points));
            }

            watch.Listeners[listener] = watch.Listeners.GetValueOrDefault(listener) + 1;
        }

        return watch.Subscription!.Ready;
    }

    internal void Leave(LiveSeries series, LiveConnection listener)
    {
        ILiveSubscription? unwatched = null;
        lock (gate)
        {
            if (!watches.TryGetValue(series, out var watch) || !watch.Listeners.TryGetValue(listener, out var count))
            {
                return;
            }

            if (count > 1)
            {
                watch.Listeners[listener] = count - 1;
                return;
            }

            watch.Listeners.Remove(listener);
            if (watch.Listeners.Count == 0)
            {
                watches.Remove(series);
                unwatched = watch.Subscription;
            }
        }

        unwatched?.Dispose();
    }

    private Task Broadcast(Watch watch, IReadOnlyList<CommittedPoint> points)
    {
        LiveConnection[] listeners;
        lock (gate)
        {
            listeners = [.. watch.Listeners.Keys];
        }

        var message = Message(watch.Series, points, clock.GetUtcNow());
        foreach (var listener in listeners)
        {
            listener.Send(message);
        }

        return Task.CompletedTask;
    }

    private sealed class Watch(LiveSeries series)
    {
        public LiveSeries Series { get; } = series;

        public ILiveSubscription? Subscription { get; set; }

        /// <summary>Each listener with how many of its charts follow the series. Guarded by the broadcast's lock.</summary>
        public Dictionary<LiveConnection, int> Listeners { get; } = [];
    }
}
