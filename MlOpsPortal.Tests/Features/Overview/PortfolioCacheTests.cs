using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Overview;

namespace MlOpsPortal.Tests.Features.Overview;

/// <summary>The portfolio is computed once for everyone for a while: one computation however many ask, a new one when it is old or the registry changed.</summary>
public sealed class PortfolioCacheTests : IDisposable
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));
    private readonly List<string> computations = [];
    private readonly SemaphoreSlim started = new(0);
    private RegistryStamp registry = new(3, new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc));
    private TaskCompletionSource<List<PortfolioRow>> next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    [Fact]
    public async Task Thirty_two_people_opening_a_cold_portfolio_start_one_computation()
    {
        var cache = Cache();

        var waiting = Enumerable.Range(0, 32).Select(_ => cache.GetAsync("production")).ToList();
        await WaitForComputationsAsync(1);
        Assert.All(waiting, w => Assert.False(w.IsCompleted));
        next.SetResult([]);
        var snapshots = await Task.WhenAll(waiting);

        Assert.Equal(["production"], computations);
        Assert.All(snapshots, s => Assert.Same(snapshots[0], s));
        Assert.Equal(clock.GetUtcNow().UtcDateTime, snapshots[0].AsOfUtc);
    }

    [Fact]
    public async Task A_snapshot_is_kept_for_its_lifetime_then_answers_while_the_next_one_computes()
    {
        var cache = Cache();
        next.SetResult([]);
        var first = await cache.GetAsync("production");
        await WaitForComputationsAsync(1);

        clock.Advance(PortfolioCache.Lifetime - TimeSpan.FromSeconds(1));
        Assert.Same(first, await cache.GetAsync("production"));
        Assert.Single(computations);

        // Past its lifetime: the kept one answers at once, and one new computation starts however many ask meanwhile.
        next = new(TaskCreationOptions.RunContinuationsAsynchronously);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Same(first, await cache.GetAsync("production"));
        await WaitForComputationsAsync(1);
        Assert.Same(first, await cache.GetAsync("production"));
        Assert.Equal(2, computations.Count);

        // Past the oldest a snapshot may answer, callers wait for the new one.
        clock.Advance(PortfolioCache.MaxAge - PortfolioCache.Lifetime);
        var waiting = cache.GetAsync("production");
        Assert.False(waiting.IsCompleted);
        next.SetResult([]);
        var second = await waiting;
        Assert.NotSame(first, second);
        Assert.Equal(first.AsOfUtc + PortfolioCache.Lifetime, second.AsOfUtc);
    }

    [Fact]
    public async Task Each_environment_has_its_own_and_a_registry_change_recomputes_at_once()
    {
        var cache = Cache();
        next.SetResult([]);
        var production = await cache.GetAsync("production");
        var staging = await cache.GetAsync("staging");
        Assert.Equal(["production", "staging"], computations);
        Assert.Equal(("production", "staging"), (production.Environment, staging.Environment));

        // A model registered a second later shows without waiting for the lifetime.
        clock.Advance(TimeSpan.FromSeconds(1));
        registry = registry with { Models = 4 };
        Assert.NotSame(production, await cache.GetAsync("production"));
        Assert.Equal(3, computations.Count);
    }

    [Fact]
    public async Task A_failed_computation_is_not_kept_and_a_callers_cancellation_does_not_stop_the_others()
    {
        var cache = Cache();
        using var impatient = new CancellationTokenSource();
        var gaveUp = cache.GetAsync("production", impatient.Token);
        var patient = cache.GetAsync("production");
        await WaitForComputationsAsync(1);
        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gaveUp);
        next.SetException(new InvalidOperationException("database away"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => patient);

        next = new(TaskCreationOptions.RunContinuationsAsynchronously);
        next.SetResult([]);
        await cache.GetAsync("production");
        Assert.Equal(2, computations.Count);
    }

    public void Dispose() => started.Dispose();

    private PortfolioCache Cache() => new(
        async (environment, _) =>
        {
            lock (computations)
            {
                computations.Add(environment);
            }

            started.Release();

            return await next.Task;
        },
        _ => Task.FromResult(registry),
        clock);

    // The computation starts on the thread pool: wait until it has (each start releases the semaphore once).
    private async Task WaitForComputationsAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.True(await started.WaitAsync(TimeSpan.FromSeconds(30)), "the computation never started");
        }
    }
}
