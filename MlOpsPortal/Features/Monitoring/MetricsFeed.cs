using Microsoft.Extensions.Logging.Abstractions;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>One series as the feed indexes it: a null model is the portal itself.</summary>
public readonly record struct LiveSeries(string? Model, string Environment, string Metric)
{
    /// <summary>How a browser's live messages name the series (<see cref="LiveBroadcast"/>): unambiguous whatever the names hold.</summary>
    public string Key => System.Text.Json.JsonSerializer.Serialize<string?[]>([Model, Environment, Metric]);

    public static LiveSeries Of(CommittedPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return new(point.Model, point.Environment, point.Metric);
    }
}

/// <summary>A dashboard's subscription to some series; disposing it stops the deliveries.</summary>
public interface ILiveSubscription : IDisposable
{
    /// <summary>
    /// Completes once every point committed from now on will be delivered, including those of other instances. Read
    /// the chart's history after it, so that no point falls between the read and the feed.
    /// </summary>
    Task Ready { get; }
}

/// <summary>
/// In-process fan-out of committed points to open dashboards, indexed by series: a publication reaches only the
/// subscribers of the series it carries, each once, with just its own points; a point no one watches costs a dictionary
/// look-up. Every subscriber has its own delivery queue, so a slow one holds up neither the writer nor the others; a
/// subscriber still busy with a delivery gets the points published meanwhile together in its next one.
/// </summary>
public sealed partial class MetricsFeed(ILogger<MetricsFeed> logger)
{
    private readonly ILogger logger = logger;
    private readonly Lock gate = new();
    private readonly Dictionary<LiveSeries, List<Subscriber>> bySeries = [];
    private readonly List<Subscriber> everything = [];
    private int seriesSubscribers;
    private PollerState poller;
    private TaskCompletionSource? watched;
    private TaskCompletionSource? awaitingMark;

    public MetricsFeed()
        : this(NullLogger<MetricsFeed>.Instance)
    {
    }

    private enum PollerState
    {
        // No poller (one instance, or a component test): a subscription is ready at once.
        None,
        // The poller waits for a subscriber; its high-water mark is stale, so a new subscriber waits for a fresh one.
        Idle,
        Active,
    }

    /// <summary>Open series subscriptions (dashboard charts); what the cross-instance poller waits for.</summary>
    public int SeriesSubscriberCount
    {
        get
        {
            lock (gate)
            {
                return seriesSubscribers;
            }
        }
    }

    /// <summary>Points of the given series, committed here or on another instance.</summary>
    public ILiveSubscription Subscribe(IReadOnlyCollection<LiveSeries> series, Func<IReadOnlyList<CommittedPoint>, Task> onPoints)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(onPoints);
        var subscriber = new Subscriber(this, [.. series.Distinct()], onPoints);
        lock (gate)
        {
            foreach (var key in subscriber.Series!)
            {
                if (!bySeries.TryGetValue(key, out var list))
                {
                    bySeries[key] = list = [];
                }

                list.Add(subscriber);
            }

            seriesSubscribers++;
            if (poller == PollerState.Idle)
            {
                subscriber.Ready = (awaitingMark ??= new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
                watched?.TrySetResult();
            }
        }

        return subscriber;
    }

    /// <summary>Every point this instance commits (alert evaluation): each instance evaluates its own writes.</summary>
    public IDisposable SubscribeAll(Func<IReadOnlyList<CommittedPoint>, Task> onPoints)
    {
        ArgumentNullException.ThrowIfNull(onPoints);
        var subscriber = new Subscriber(this, null, onPoints);
        lock (gate)
        {
            everything.Add(subscriber);
        }

        return subscriber;
    }

    /// <summary>Points this instance committed: to every subscriber of their series and to those of all points.</summary>
    public void Publish(IReadOnlyList<CommittedPoint> points) => Deliver(points, local: true);

    /// <summary>Points another instance committed, found by the poller: to the subscribers of their series only.</summary>
    public void PublishFromElsewhere(IReadOnlyList<CommittedPoint> points) => Deliver(points, local: false);

    /// <summary>
    /// For the poller: goes idle if no series is watched and answers the task that completes when one is; null while
    /// some are, so the poller goes on from its mark.
    /// </summary>
    internal Task? IdleUnlessWatched()
    {
        lock (gate)
        {
            if (seriesSubscribers > 0)
            {
                poller = PollerState.Active;
                return null;
            }

            poller = PollerState.Idle;
            watched = new(TaskCreationOptions.RunContinuationsAsynchronously);
            return watched.Task;
        }
    }

    /// <summary>For the poller: its mark is fresh (or it stopped); subscriptions that waited for it are ready.</summary>
    internal void PollerResumed(bool running)
    {
        lock (gate)
        {
            poller = running ? PollerState.Active : PollerState.None;
            awaitingMark?.TrySetResult();
            awaitingMark = null;
            watched = null;
        }
    }

    private void Deliver(IReadOnlyList<CommittedPoint> points, bool local)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            return;
        }

        Dictionary<Subscriber, List<CommittedPoint>>? matched = null;
        Subscriber[] all = [];
        lock (gate)
        {
            if (bySeries.Count > 0)
            {
                foreach (var point in points)
                {
                    if (!bySeries.TryGetValue(LiveSeries.Of(point), out var subscribers))
                    {
                        continue;
                    }

                    matched ??= [];
                    foreach (var subscriber in subscribers)
                    {
                        if (!matched.TryGetValue(subscriber, out var mine))
                        {
                            matched[subscriber] = mine = [];
                        }

                        mine.Add(point);
                    }
                }
            }

            if (local && everything.Count > 0)
            {
                all = [.. everything];
            }
        }

        foreach (var subscriber in all)
        {
            subscriber.Enqueue(points);
        }

        if (matched is not null)
        {
            foreach (var (subscriber, mine) in matched)
            {
                subscriber.Enqueue(mine);
            }
        }
    }

    private void Remove(Subscriber subscriber)
    {
        lock (gate)
        {
            if (subscriber.Series is null)
            {
                everything.Remove(subscriber);
                return;
            }

            if (subscriber.Removed)
            {
                return;
            }

            subscriber.Removed = true;
            seriesSubscribers--;
            foreach (var key in subscriber.Series)
            {
                if (bySeries.TryGetValue(key, out var list) && list.Remove(subscriber) && list.Count == 0)
                {
                    bySeries.Remove(key);
                }
            }
        }
    }

    [LoggerMessage(EventId = 4010, Level = LogLevel.Warning, Message = "A live-feed subscriber failed on {Points} points; it stays subscribed")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception exception, int points);

    private sealed class Subscriber(MetricsFeed feed, LiveSeries[]? series, Func<IReadOnlyList<CommittedPoint>, Task> onPoints) : ILiveSubscription
    {
        private readonly Lock queue = new();
        private List<CommittedPoint>? pending;
        private bool draining;
        private volatile bool disposed;

        public LiveSeries[]? Series { get; } = series;

        /// <summary>Guarded by the feed's lock: a second Dispose must not count the subscriber out twice.</summary>
        public bool Removed { get; set; }

        public Task Ready { get; set; } = Task.CompletedTask;

        public void Enqueue(IReadOnlyList<CommittedPoint> points)
        {
            lock (queue)
            {
                if (disposed)
                {
                    return;
                }

                (pending ??= []).AddRange(points);
                if (draining)
                {
                    return;
                }

                draining = true;
            }

            // Off the publisher's thread: the writer answers the next requests while dashboards draw.
            _ = Task.Run(DrainAsync);
        }

        public void Dispose()
        {
            disposed = true;
            feed.Remove(this);
        }

        private async Task DrainAsync()
        {
            while (true)
            {
                List<CommittedPoint> batch;
                lock (queue)
                {
                    if (pending is null || disposed)
                    {
                        pending = null;
                        draining = false;
                        return;
                    }

                    batch = pending;
                    pending = null;
                }

                try
                {
                    await onPoints(batch);
                }
#pragma warning disable CA1031 // one subscriber's failure (a circuit gone mid-render) must not stop its later deliveries or reach the writer
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    LogSubscriberFailed(feed.logger, ex, batch.Count);
                }
            }
        }
    }
}
