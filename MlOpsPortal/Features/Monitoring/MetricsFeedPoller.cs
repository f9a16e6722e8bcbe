using Microsoft.Extensions.Options;
using MlOpsPortal.Infrastructure.Hosting;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>
/// Carries points written by other instances on the same database to this instance's open dashboards: every
/// <see cref="MonitoringOptions.FeedPollIntervalMilliseconds"/> it reads the raw points after its high-water mark (one
/// range read by id) and publishes those this instance did not write. This instance's own points are published by its
/// writer the moment they commit, so they are not delayed by a poll. With no dashboard open it reads nothing; when one
/// opens, it takes the newest id as its mark before that dashboard reads its history, so no point falls between.
/// </summary>
public sealed partial class MetricsFeedPoller(
    IPointLog log,
    MetricsFeed feed,
    IOptions<MonitoringOptions> options,
    BackgroundServiceHealth health,
    TimeProvider clock,
    ILogger<MetricsFeedPoller> logger) : SupervisedBackgroundService(health, clock, logger)
{
    /// <summary>Rows per read: a long busy spell is caught up in several reads, each bounded.</summary>
    public const int PageSize = 5000;

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.FeedPollIntervalMilliseconds);
        long? mark = null;
        try
        {
            while (true)
            {
                if (feed.IdleUnlessWatched() is { } watched)
                {
                    await watched.WaitAsync(stoppingToken);
                    mark = null;
                }

                if (mark is null)
                {
                    try
                    {
                        mark = await log.LastIdAsync(stoppingToken);
                    }
                    finally
                    {
                        feed.PollerResumed(running: true);
                    }
                }

                await Task.Delay(interval, Clock, stoppingToken);
                mark = await PollAsync(mark.Value, stoppingToken);
                ReportRecovered();
            }
        }
        finally
        {
            // Stopped or failed: a dashboard opening meanwhile must not wait for a mark nobody is taking.
            feed.PollerResumed(running: false);
        }
    }

    private async Task<long> PollAsync(long mark, CancellationToken stoppingToken)
    {
        PointLogPage page;
        do
        {
            // Ids are reused only if the newest row is deleted, which retention does after weeks without a single point;
            // the mark is taken afresh whenever the last dashboard closes, so such a stretch does not stall the feed.
            page = await log.ReadAfterAsync(mark, PageSize, stoppingToken);
            mark = page.LastId;
            feed.PublishFromElsewhere(page.Points);
        }
        while (page.Full);

        return mark;
    }
}
