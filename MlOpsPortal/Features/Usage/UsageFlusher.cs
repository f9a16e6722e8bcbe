using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MlOpsPortal.Infrastructure.Architecture;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Infrastructure.Hosting;

namespace MlOpsPortal.Features.Usage;

/// <summary>
/// Writes the in-memory counts of <see cref="UsageTracker"/> into daily rollups every
/// <see cref="UsageOptions.FlushSeconds"/> and once more on shutdown. Each instance flushes its own counts and adds them
/// to the day's row, so several instances sum; a failed flush puts the counts back for the next one.
/// </summary>
[FeatureContract]
public sealed partial class UsageFlusher(
    IDbContextFactory<PortalDbContext> dbFactory,
    UsageTracker tracker,
    IOptions<UsageOptions> options,
    BackgroundServiceHealth health,
    TimeProvider clock,
    ILogger<UsageFlusher> logger) : SupervisedBackgroundService(health, clock, logger)
{
    // Never disposed: a flush the host started may still be waiting when the host disposes the service, and a SemaphoreSlim
    // whose wait handle is never asked for holds nothing to release.
    private readonly SemaphoreSlim flushing = new(1, 1);

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.FlushSeconds), Clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await FlushAsync(stoppingToken);
            ReportRecovered();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await FlushAsync(cancellationToken);
        }
#pragma warning disable CA1031 // shutting down: a failed last flush is logged, not thrown at the host
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogLastFlushFailed(Logger, ex);
        }
    }

    /// <summary>Adds everything counted since the last flush to the rollups, in one transaction.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await flushing.WaitAsync(cancellationToken);
        try
        {
            var (counts, people) = tracker.Drain();
            if (counts.Count == 0 && people.Count == 0)
            {
                return;
            }

            try
            {
                await SaveAsync(counts, people, cancellationToken);
            }
            catch
            {
                tracker.Restore(counts, people);
                throw;
            }
        }
        finally
        {
            flushing.Release();
        }
    }

    private async Task SaveAsync(
        IReadOnlyList<(UsageTracker.CounterKey Key, long Count)> counts, IReadOnlyList<UsageTracker.ActivePerson> people, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.InTransactionAsync(async transaction =>
        {
            var missing = new List<UsageRollup>();
            foreach (var (key, count) in counts)
            {
                var updated = await db.UsageRollups.Where(r => r.Day == key.Day && r.Kind == key.Kind && r.Subject == key.Subject)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.Count, r => r.Count + count), cancellationToken);
                if (updated == 0)
                {
                    missing.Add(new UsageRollup { Day = key.Day, Kind = key.Kind, Subject = key.Subject, Count = count });
                }
            }

            var days = people.Select(p => p.Day).Distinct().ToList();
            var ids = people.Select(p => p.PersonId).Distinct().ToList();
            var known = (await db.UsageActivePeople.Where(p => days.Contains(p.Day) && ids.Contains(p.PersonId))
                .Select(p => new { p.Day, p.PersonId }).ToListAsync(cancellationToken)).Select(p => (p.Day, p.PersonId)).ToHashSet();
            db.UsageRollups.AddRange(missing);
            db.UsageActivePeople.AddRange(people.Where(p => !known.Contains((p.Day, p.PersonId))).DistinctBy(p => (p.Day, p.PersonId))
                .Select(p => new UsageActivePerson { Day = p.Day, PersonId = p.PersonId, Roles = p.Roles, BusinessUnit = p.BusinessUnit }));
            // A second instance inserting the same new row at the same moment makes this save fail; the counts are put
            // back and the next flush finds the row and adds to it.
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }, cancellationToken);
    }

    [LoggerMessage(EventId = 9401, Level = LogLevel.Warning, Message = "The last usage flush before shutdown failed; counts since the previous flush are lost")]
    private static partial void LogLastFlushFailed(ILogger logger, Exception exception);
}
