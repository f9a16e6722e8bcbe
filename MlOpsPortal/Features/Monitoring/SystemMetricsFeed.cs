namespace MlOpsPortal.Features.Monitoring;

/// <summary>In-process fan-out of committed samples to open dashboards.</summary>
public sealed class SystemMetricsFeed
{
    private readonly Lock gate = new();
    private readonly List<Func<SystemMetricSample, Task>> subscribers = [];

    public IDisposable Subscribe(Func<SystemMetricSample, Task> onSample)
    {
        lock (gate)
        {
            subscribers.Add(onSample);
        }

        return new Subscription(this, onSample);
    }

    public void Publish(SystemMetricSample sample)
    {
        Func<SystemMetricSample, Task>[] current;
        lock (gate)
        {
            current = [.. subscribers];
        }

        foreach (var subscriber in current)
        {
            // A slow or broken dashboard must not hold up the job or the other dashboards.
            _ = Task.Run(() => subscriber(sample));
        }
    }

    private void Unsubscribe(Func<SystemMetricSample, Task> onSample)
    {
        lock (gate)
        {
            subscribers.Remove(onSample);
        }
    }

    private sealed class Subscription(SystemMetricsFeed feed, Func<SystemMetricSample, Task> onSample) : IDisposable
    {
        public void Dispose() => feed.Unsubscribe(onSample);
    }
}
