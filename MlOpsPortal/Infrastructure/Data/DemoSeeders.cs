using Microsoft.Extensions.Options;
using MlOpsPortal.Infrastructure.Hosting;

namespace MlOpsPortal.Infrastructure.Data;

/// <summary>
/// Runs the features' <see cref="IDemoSeeder"/>s in dependency order when <see cref="DemoDataOptions.Enabled"/> is set
/// in Development: the quick ones from <see cref="PortalData.SeedPortalDemoDataAsync"/> right after migration, the
/// slow ones from <see cref="DemoDataStartup"/> once the host has started, so they never keep the port closed.
/// </summary>
public sealed class DemoSeeders
{
    private readonly TaskCompletionSource backgroundSeeded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DemoSeeders(IServiceProvider services, IOptions<DemoDataOptions> options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        Enabled = environment.IsDevelopment() && options.Value.Enabled;
        InOrder = [.. services.GetServices<IDemoSeeder>().OrderBy(s => s.Order)];
        var lastAtStart = InOrder.LastOrDefault(s => !s.RunsInBackground);
        var firstInBackground = InOrder.FirstOrDefault(s => s.RunsInBackground);
        if (lastAtStart is not null && firstInBackground is not null && firstInBackground.Order <= lastAtStart.Order)
        {
            // Background seeders always run after the start-up ones, so an order saying otherwise would be a lie.
            throw new InvalidOperationException(
                $"{firstInBackground.GetType().Name} runs in the background but orders before {lastAtStart.GetType().Name}, which runs at start.");
        }

        if (!Enabled || firstInBackground is null)
        {
            backgroundSeeded.SetResult();
        }
    }

    public bool Enabled { get; }

    /// <summary>Every registered seeder, in the order they run (whether or not demo data is enabled).</summary>
    public IReadOnlyList<IDemoSeeder> InOrder { get; }

    /// <summary>Completes once the background seeders have all run (at once when there is nothing to seed).</summary>
    public Task BackgroundSeeded => backgroundSeeded.Task;

    public Task SeedAtStartAsync(CancellationToken cancellationToken = default) => SeedAsync(inBackground: false, cancellationToken);

    public async Task SeedInBackgroundAsync(CancellationToken cancellationToken = default)
    {
        await SeedAsync(inBackground: true, cancellationToken);
        backgroundSeeded.TrySetResult();
    }

    private async Task SeedAsync(bool inBackground, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return;
        }

        foreach (var seeder in InOrder.Where(s => s.RunsInBackground == inBackground))
        {
            await seeder.SeedAsync(cancellationToken);
        }
    }
}

/// <summary>
/// The slow demo seeders, after the host has started (quality reports publish their verdict through the metrics
/// writer, a hosted service). Supervised: a failure (a busy database) is retried from the top, which the seeders allow.
/// </summary>
public sealed class DemoDataStartup(
    DemoSeeders seeders, IHostApplicationLifetime lifetime, BackgroundServiceHealth health, TimeProvider clock, ILogger<DemoDataStartup> logger)
    : SupervisedBackgroundService(health, clock, logger)
{
    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        if (seeders.BackgroundSeeded.IsCompleted)
        {
            return;
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        await seeders.SeedInBackgroundAsync(stoppingToken);
    }
}
