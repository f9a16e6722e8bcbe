using System.Collections.Concurrent;
using MlOpsPortal.Features.Monitoring;

namespace MlOpsPortal.Tests.Features.Monitoring;

/// <summary>The feed fans each publication out once per series: only the subscribers of a point's series hear it.</summary>
public sealed class MetricsFeedTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(5);
    private static readonly LiveSeries ChurnLatency = new("churn", "production", MetricNames.LatencyP95);
    private static readonly LiveSeries ChurnErrors = new("churn", "production", MetricNames.ErrorRate);
    private static readonly LiveSeries FraudLatency = new("fraud", "production", MetricNames.LatencyP95);
    private static readonly LiveSeries PortalCpu = new(null, "production", MetricNames.SystemCpu);

    private readonly MetricsFeed feed = new();

    private static CommittedPoint Point(LiveSeries series, long t) => new(series.Model, series.Environment, series.Metric, t, t);

    /// <summary>Records each delivery; the task completes with the first.</summary>
    private sealed class Recorder
    {
        private readonly TaskCompletionSource first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentQueue<IReadOnlyList<CommittedPoint>> Deliveries { get; } = new();

        public Task First => first.Task;

        public Task OnPoints(IReadOnlyList<CommittedPoint> points)
        {
            Deliveries.Enqueue(points);
            first.TrySetResult();
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task A_publication_reaches_only_the_subscribers_of_its_series_each_once_with_just_their_points()
    {
        var latencyAndErrors = new Recorder();
        var errorsOnly = new Recorder();
        var fraud = new Recorder();
        var all = new Recorder();
        using var a = feed.Subscribe([ChurnLatency, ChurnErrors], latencyAndErrors.OnPoints);
        using var b = feed.Subscribe([ChurnErrors], errorsOnly.OnPoints);
        using var c = feed.Subscribe([FraudLatency], fraud.OnPoints);
        using var d = feed.SubscribeAll(all.OnPoints);

        CommittedPoint[] published = [Point(ChurnLatency, 1), Point(ChurnErrors, 2), Point(PortalCpu, 3), Point(ChurnLatency, 4)];
        feed.Publish(published);
        // A marker on the last subscriber's series, published after: once heard, every earlier delivery has been made.
        feed.Publish([Point(FraudLatency, 5)]);
        await Task.WhenAll(latencyAndErrors.First, errorsOnly.First, fraud.First, all.First).WaitAsync(Within);

        var delivery = Assert.Single(latencyAndErrors.Deliveries);
        Assert.Equal([published[0], published[1], published[3]], delivery);
        Assert.Equal([published[1]], Assert.Single(errorsOnly.Deliveries));
        var marker = new CommittedPoint("fraud", "production", MetricNames.LatencyP95, 5, 5);
        Assert.Equal([marker], Assert.Single(fraud.Deliveries));
        // Everything, in order; two publications may arrive as one delivery if the second came while the first was pending.
        await WaitUntil(() => all.Deliveries.Sum(d => d.Count) == 5);
        Assert.Equal([.. published, marker], all.Deliveries.SelectMany(d => d));
    }

    [Fact]
    public async Task Points_from_another_instance_reach_series_subscribers_but_not_the_local_alert_evaluation()
    {
        var chart = new Recorder();
        var all = new Recorder();
        using var a = feed.Subscribe([ChurnLatency], chart.OnPoints);
        using var b = feed.SubscribeAll(all.OnPoints);

        feed.PublishFromElsewhere([Point(ChurnLatency, 1)]);
        await chart.First.WaitAsync(Within);
        feed.Publish([Point(ChurnErrors, 2)]);
        await all.First.WaitAsync(Within);

        var heard = Assert.Single(all.Deliveries);
        Assert.Equal(MetricNames.ErrorRate, Assert.Single(heard).Metric);
    }

    [Fact]
    public async Task A_slow_subscriber_holds_up_neither_the_publisher_nor_the_others_and_gets_what_it_missed_in_one_delivery()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slowDeliveries = new ConcurrentQueue<IReadOnlyList<CommittedPoint>>();
        var secondDelivery = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var slow = feed.Subscribe([ChurnLatency], async points =>
        {
            slowDeliveries.Enqueue(points);
            if (slowDeliveries.Count == 2)
            {
                secondDelivery.TrySetResult();
            }

            await release.Task;
        });
        var fast = new Recorder();
        using var other = feed.Subscribe([ChurnLatency], fast.OnPoints);

        feed.Publish([Point(ChurnLatency, 1)]);
        await WaitUntil(() => !slowDeliveries.IsEmpty);
        feed.Publish([Point(ChurnLatency, 2)]);
        feed.Publish([Point(ChurnLatency, 3)]);
        await WaitUntil(() => fast.Deliveries.Sum(d => d.Count) == 3);

        release.SetResult();
        await secondDelivery.Task.WaitAsync(Within);
        Assert.Equal([[1], [2, 3]], slowDeliveries.Select(d => d.Select(p => p.TimestampMs).ToArray()));
    }

    [Fact]
    public async Task A_disposed_subscription_is_counted_out_once_and_hears_nothing_more()
    {
        var recorder = new Recorder();
        var marker = new Recorder();
        var subscription = feed.Subscribe([ChurnLatency, ChurnErrors], recorder.OnPoints);
        using var other = feed.Subscribe([ChurnLatency], marker.OnPoints);
        Assert.Equal(2, feed.SeriesSubscriberCount);

        subscription.Dispose();
        subscription.Dispose();
        feed.Publish([Point(ChurnLatency, 1)]);
        await marker.First.WaitAsync(Within);

        Assert.Equal(1, feed.SeriesSubscriberCount);
        Assert.Empty(recorder.Deliveries);
        other.Dispose();
        Assert.Equal(0, feed.SeriesSubscriberCount);
    }

    [Fact]
    public async Task A_failing_subscriber_still_hears_later_points()
    {
        var calls = 0;
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = feed.Subscribe([ChurnLatency], _ =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                throw new InvalidOperationException("the circuit is gone");
            }

            second.TrySetResult();
            return Task.CompletedTask;
        });

        feed.Publish([Point(ChurnLatency, 1)]);
        await WaitUntil(() => Volatile.Read(ref calls) == 1);
        feed.Publish([Point(ChurnLatency, 2)]);

        await second.Task.WaitAsync(Within);
    }

    [Fact]
    public void Without_a_poller_a_subscription_is_ready_at_once()
    {
        using var subscription = feed.Subscribe([ChurnLatency], _ => Task.CompletedTask);

        Assert.True(subscription.Ready.IsCompletedSuccessfully);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Within);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
