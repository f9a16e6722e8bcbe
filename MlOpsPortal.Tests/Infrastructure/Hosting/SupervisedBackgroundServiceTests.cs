using System.Threading.Channels;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Infrastructure.Hosting;

namespace MlOpsPortal.Tests.Infrastructure.Hosting;

/// <summary>A background service that fails is retried after a growing back-off and reported, never given up on.</summary>
public sealed class SupervisedBackgroundServiceTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_failing_service_is_retried_with_back_off_and_reported_degraded_until_it_succeeds()
    {
        var clock = new TimerSignallingClock();
        var health = new BackgroundServiceHealth();
        using var service = new FlakyService(health, clock, failures: 2);

        await service.StartAsync(CancellationToken.None);

        Assert.Equal(1, await service.Attempts.ReadAsync().AsTask().WaitAsync(Within));
        await clock.TimerCreated.WaitAsync(Within);
        var first = await health.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Degraded, first.Status);
        Assert.Contains(nameof(FlakyService), first.Description, StringComparison.Ordinal);
        Assert.Contains($"retry at {clock.GetUtcNow() + TimeSpan.FromSeconds(2):O}", (string)first.Data[nameof(FlakyService)], StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(2, await service.Attempts.ReadAsync().AsTask().WaitAsync(Within));
        await clock.TimerCreated.WaitAsync(Within);
        // The second failure in a row waits twice as long.
        Assert.Contains($"retry at {clock.GetUtcNow() + TimeSpan.FromSeconds(4):O}",
            (string)(await health.CheckHealthAsync(new HealthCheckContext())).Data[nameof(FlakyService)], StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(3, await service.Attempts.ReadAsync().AsTask().WaitAsync(Within));
        await service.ExecuteTask!.WaitAsync(Within);
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(new HealthCheckContext())).Status);
    }

    [Fact]
    public void Back_off_doubles_and_stops_growing_at_five_minutes()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), SupervisedBackgroundService.RetryDelay(1));
        Assert.Equal(TimeSpan.FromSeconds(4), SupervisedBackgroundService.RetryDelay(2));
        Assert.Equal(TimeSpan.FromSeconds(64), SupervisedBackgroundService.RetryDelay(6));
        Assert.Equal(TimeSpan.FromMinutes(5), SupervisedBackgroundService.RetryDelay(9));
        Assert.Equal(TimeSpan.FromMinutes(5), SupervisedBackgroundService.RetryDelay(1000));
    }

    [Fact]
    public async Task Stopping_the_host_ends_a_service_waiting_to_retry()
    {
        var clock = new TimerSignallingClock();
        using var service = new FlakyService(new BackgroundServiceHealth(), clock, failures: int.MaxValue);
        await service.StartAsync(CancellationToken.None);
        await clock.TimerCreated.WaitAsync(Within);

        await service.StopAsync(CancellationToken.None).WaitAsync(Within);

        Assert.True(service.ExecuteTask!.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_service_that_recovered_starts_its_back_off_again_at_the_first_delay()
    {
        var clock = new TimerSignallingClock();
        var health = new BackgroundServiceHealth();
        using var service = new RecoveringService(health, clock);
        await service.StartAsync(CancellationToken.None);

        await clock.TimerCreated.WaitAsync(Within);
        clock.Advance(TimeSpan.FromSeconds(2));
        await clock.TimerCreated.WaitAsync(Within);

        // The second run did work (recovered) before failing again: one failure in a row, not two.
        Assert.Contains($"retry at {clock.GetUtcNow() + TimeSpan.FromSeconds(2):O}",
            (string)(await health.CheckHealthAsync(new HealthCheckContext())).Data[nameof(RecoveringService)], StringComparison.Ordinal);
        await service.StopAsync(CancellationToken.None).WaitAsync(Within);
    }

    /// <summary>Every run after the first does a unit of work (reports recovery), then fails.</summary>
    private sealed class RecoveringService(BackgroundServiceHealth health, TimeProvider clock)
        : SupervisedBackgroundService(health, clock, NullLogger.Instance)
    {
        private int runs;

        protected override Task RunAsync(CancellationToken stoppingToken)
        {
            if (++runs > 1)
            {
                ReportRecovered();
            }

            return Task.FromException(new InvalidOperationException("database is locked"));
        }
    }

    /// <summary>Fails its first <c>failures</c> runs, then completes; says when each run starts.</summary>
    private sealed class FlakyService(BackgroundServiceHealth health, TimeProvider clock, int failures)
        : SupervisedBackgroundService(health, clock, NullLogger.Instance)
    {
        private readonly Channel<int> attempts = Channel.CreateUnbounded<int>();
        private int runs;

        public ChannelReader<int> Attempts => attempts.Reader;

        protected override Task RunAsync(CancellationToken stoppingToken)
        {
            var run = ++runs;
            attempts.Writer.TryWrite(run);
            return run <= failures ? Task.FromException(new InvalidOperationException("database is locked")) : Task.CompletedTask;
        }
    }

    /// <summary>A fake clock that says when a delay has started, so the test advances time only once something waits on it.</summary>
    private sealed class TimerSignallingClock : FakeTimeProvider
    {
        private readonly Channel<bool> created = Channel.CreateUnbounded<bool>();

        public Task TimerCreated => created.Reader.ReadAsync().AsTask();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            created.Writer.TryWrite(true);
            return timer;
        }
    }
}
