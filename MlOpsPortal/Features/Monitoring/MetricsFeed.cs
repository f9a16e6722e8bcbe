namespace MlOpsPortal.Features.Monitoring;

/// <summary>In-process fan-out of committed points to open dashboards.</summary>
public sealed class MetricsFeed
{
    private readonly Lock gate = new();
    private readonly List<Func<IReadOnlyList<CommittedPoint>, Task>> subscribers = [];

    public IDisposable Subscribe(Func<IReadOnlyList<CommittedPoint>, Task> onPoints)
    {
        lock (gate)
        {
            subscribers.Add(onPoints);
        }

        return new Subscription(this, onPoints);
    }

    public void Publish(IReadOnlyList<CommittedPoint> points)
    {
        Func<IReadOnlyList<CommittedPoint>, Task>[] current;
        lock (gate)
        {
            current = [.. subscribers];
        }

        foreach (var subscriber in current)
        {
            // A slow dashboard must not hold up the writer or the other dashboards.
            _ = Task.Run(() => subscriber(points));
        }
    }

    private void Unsubscribe(Func<IReadOnlyList<CommittedPoint>, Task> onPoints)
    {
        lock (gate)
        {
            subscribers.Remove(onPoints);
        }
    }

    private sealed class Subscription(MetricsFeed feed, Func<IReadOnlyList<CommittedPoint>, Task> onPoints) : IDisposable
    {
        public void Dispose() => feed.Unsubscribe(onPoints);
    }
}
