using System.Threading.Channels;
using Microsoft.Extensions.Options;
using MlOpsPortal.Infrastructure.Hosting;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>
/// The one writer of metric points. Requests queue in a channel; the writer drains whatever is waiting into one
/// transaction (group commit), so a hundred small requests cost one disk sync instead of a hundred. A request is
/// answered only after its transaction committed, then open dashboards hear about the points. Supervised: should the
/// loop itself fail, it starts again, since without it every ingestion request would wait forever.
/// </summary>
public sealed partial class MetricsWriter(
    IMetricsStore store,
    MetricsFeed feed,
    IOptions<MetricsIngestionOptions> options,
    BackgroundServiceHealth health,
    TimeProvider clock,
    ILogger<MetricsWriter> logger) : SupervisedBackgroundService(health, clock, logger)
{
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    public async Task<WriteOutcome> WriteAsync(PendingBatch batch, CancellationToken cancellationToken)
    {
        var pending = new Pending(batch, new TaskCompletionSource<WriteOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        await queue.Writer.WriteAsync(pending, cancellationToken);
        // The caller may stop waiting, but the write itself goes on: once queued it is committed or failed as a whole.
        return await pending.Done.Task.WaitAsync(cancellationToken);
    }

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        var group = new List<Pending>();
        while (await queue.Reader.WaitToReadAsync(stoppingToken))
        {
            group.Clear();
            var points = 0;
            while (points < options.Value.GroupCommitMaxPoints && queue.Reader.TryRead(out var next))
            {
                group.Add(next);
                points += next.Batch.Points.Count;
            }

            await CommitAsync(group, stoppingToken);
        }
    }

    private async Task CommitAsync(List<Pending> group, CancellationToken stoppingToken)
    {
        IReadOnlyList<WriteOutcome> outcomes;
        try
        {
            outcomes = await store.WriteGroupAsync([.. group.Select(p => p.Batch)], stoppingToken);
        }
#pragma warning disable CA1031 // every waiting request must hear that its write failed; the loop must survive to serve the next ones
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogGroupFailed(Logger, ex, group.Count);
            foreach (var pending in group)
            {
                pending.Done.TrySetException(new InvalidOperationException("The points could not be stored; nothing of this batch was written. Retry the request.", ex));
            }

            return;
        }

        for (var i = 0; i < group.Count; i++)
        {
            group[i].Done.TrySetResult(outcomes[i]);
        }

        ReportRecovered();

        // One publication per commit, not per request: subscribers (the alert evaluator, open dashboards) then run once
        // for a group of a hundred one-point requests instead of a hundred times.
        var committed = new List<CommittedPoint>();
        foreach (var (pending, outcome) in group.Zip(outcomes))
        {
            if (!outcome.Duplicate)
            {
                var b = pending.Batch;
                committed.AddRange(b.Points.Select(p => new CommittedPoint(b.ModelKey, b.EnvironmentKey, p.Metric, p.TimestampMs, p.Value)));
            }
        }

        if (committed.Count > 0)
        {
            feed.Publish(committed);
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Error, Message = "A group commit of {Requests} metric requests failed; every request in it was refused")]
    private static partial void LogGroupFailed(ILogger logger, Exception exception, int requests);

    private sealed record Pending(PendingBatch Batch, TaskCompletionSource<WriteOutcome> Done);
}
