using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Monitoring;

public sealed class SampleSystemMetricsJobTests : IDisposable
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 26, 17, 0, 30, TimeSpan.Zero));
    private readonly PortalAppFactory app;

    public SampleSystemMetricsJobTests() =>
        app = new PortalAppFactory { ConfigureServices = services => services.AddSingleton<TimeProvider>(clock) };

    [Fact]
    public async Task Records_one_sample_per_minute_with_the_processes_own_figures()
    {
        var job = app.Services.GetRequiredService<SampleSystemMetricsJob>();

        await job.RunAsync(CancellationToken.None);
        await job.RunAsync(CancellationToken.None); // a retry in the same minute
        clock.Advance(TimeSpan.FromMinutes(1));
        await job.RunAsync(CancellationToken.None);

        var samples = await SamplesAsync();
        Assert.Equal(
            [new DateTime(2026, 11, 26, 17, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 26, 17, 1, 0, DateTimeKind.Utc)],
            samples.Select(s => s.MinuteUtc));
        Assert.All(samples, s =>
        {
            Assert.Equal(DateTimeKind.Utc, s.MinuteUtc.Kind);
            Assert.InRange(s.CpuPercent, 0, 100);
            Assert.True(s.WorkingSetMb > 10, "a .NET web process uses more than 10 MB");
            Assert.True(s.GcHeapMb > 0);
            Assert.True(s.GcHeapMb < s.WorkingSetMb);
            Assert.True(s.RequestsPerMinute >= 0);
        });
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

        var latest = (await SamplesAsync())[^1];
        Assert.Equal(15, latest.RequestsPerMinute);
    }

    [Fact]
    public async Task Tells_open_dashboards_about_each_new_sample()
    {
        var feed = app.Services.GetRequiredService<SystemMetricsFeed>();
        var received = new TaskCompletionSource<SystemMetricSample>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = feed.Subscribe(sample =>
        {
            received.TrySetResult(sample);
            return Task.CompletedTask;
        });

        await app.Services.GetRequiredService<SampleSystemMetricsJob>().RunAsync(CancellationToken.None);

        var sample = await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(new DateTime(2026, 11, 26, 17, 0, 0, DateTimeKind.Utc), sample.MinuteUtc);
    }

    [Fact]
    public async Task The_home_page_query_returns_the_last_hour_in_time_order()
    {
        var job = app.Services.GetRequiredService<SampleSystemMetricsJob>();
        for (var minute = 0; minute < 70; minute += 10)
        {
            await job.RunAsync(CancellationToken.None);
            clock.Advance(TimeSpan.FromMinutes(10));
        }

        var recent = await app.Services.GetRequiredService<SystemMetricsService>().RecentAsync(TimeSpan.FromHours(1));

        Assert.Equal(5, recent.Count); // 17:20 … 18:00; the clock stands at 18:10:30
        Assert.Equal(recent.OrderBy(s => s.MinuteUtc), recent);
        Assert.True(recent[0].MinuteUtc >= clock.GetUtcNow().UtcDateTime.AddHours(-1));
    }

    private async Task<List<SystemMetricSample>> SamplesAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.SystemMetricSamples.OrderBy(s => s.MinuteUtc).ToListAsync();
    }

    public void Dispose() => app.Dispose();
}
