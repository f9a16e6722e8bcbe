using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Monitoring;

public sealed class SampleSystemMetricsJobTests : IAsyncLifetime
{
    private static readonly string[] PortalMetrics = [MetricNames.SystemCpu, MetricNames.SystemMemory, MetricNames.SystemGcHeap, MetricNames.AppRequestsPerMinute];
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 26, 17, 0, 30, TimeSpan.Zero));
    private PortalServices app = default!;

    public async Task InitializeAsync()
    {
        app = await PortalServices.StartAsync(clock);
        // Samples go through the one writer of points, a hosted service.
        await app.StartHostedServiceAsync<MetricsWriter>();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Records_the_processes_own_figures_once_per_minute_as_model_less_series_on_the_store()
    {
        var job = app.Services.GetRequiredService<SampleSystemMetricsJob>();

        await job.RunAsync(CancellationToken.None);
        await job.RunAsync(CancellationToken.None); // a retry in the same minute
        clock.Advance(TimeSpan.FromMinutes(1));
        await job.RunAsync(CancellationToken.None);

        var points = await PointsAsync();
        Assert.Equal(PortalMetrics.Order(), points.Select(p => p.Metric).Distinct().Order());
        Assert.All(points.GroupBy(p => p.Metric), series => Assert.Equal(
            [new DateTimeOffset(2026, 11, 26, 17, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), new DateTimeOffset(2026, 11, 26, 17, 1, 0, TimeSpan.Zero).ToUnixTimeMilliseconds()],
            series.Select(p => p.TimestampMs).Order()));
        Assert.All(points.Where(p => p.Metric == MetricNames.SystemCpu), p => Assert.InRange(p.Value, 0, 100));
        Assert.All(points.Where(p => p.Metric == MetricNames.SystemMemory), p => Assert.True(p.Value > 10, "a .NET web process uses more than 10 MB"));
        Assert.All(points.Where(p => p.Metric == MetricNames.SystemGcHeap), p => Assert.True(p.Value > 0));
        Assert.Equal(8, await app.QueryAsync(db => db.MetricRollups.Where(r => r.Resolution == RollupResolution.Minute).CountAsync()));
    }

    [Fact]
    public async Task Counts_requests_between_samples_as_a_rate_per_minute()
    {
        var job = app.Services.GetRequiredService<SampleSystemMetricsJob>();
        var sampler = app.Services.GetRequiredService<ProcessMetricsSampler>();
        await job.RunAsync(CancellationToken.None);
        for (var i = 0; i < 30; i++)
        {
            sampler.CountRequest();
        }

        clock.Advance(TimeSpan.FromMinutes(2));
        await job.RunAsync(CancellationToken.None);

        var requests = (await PointsAsync()).Where(p => p.Metric == MetricNames.AppRequestsPerMinute).OrderBy(p => p.TimestampMs).ToList();
        Assert.Equal(15, requests[^1].Value);
    }

    [Fact]
    public async Task Open_dashboards_hear_about_each_sample()
    {
        var feed = app.Services.GetRequiredService<MetricsFeed>();
        var received = new TaskCompletionSource<IReadOnlyList<CommittedPoint>>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = feed.SubscribeAll(points =>
        {
            received.TrySetResult(points);
            return Task.CompletedTask;
        });

        await app.Services.GetRequiredService<SampleSystemMetricsJob>().RunAsync(CancellationToken.None);

        var points = await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.All(points, p => Assert.Null(p.Model));
        Assert.Equal(PortalMetrics.Order(), points.Select(p => p.Metric).Order());
    }

    private async Task<List<(string Metric, long TimestampMs, double Value)>> PointsAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var rows = await db.MetricPoints.Join(db.MetricSeries.Where(s => s.ModelId == null), p => p.SeriesId, s => s.Id, (p, s) => new { s.MetricName, p.TimestampMs, p.Value }).ToListAsync();
        return [.. rows.Select(r => (r.MetricName, r.TimestampMs, r.Value))];
    }
}
