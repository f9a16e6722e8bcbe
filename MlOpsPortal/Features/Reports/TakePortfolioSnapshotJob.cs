using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Health;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Reports;

/// <summary>
/// Daily: records every model's health in production and in each other environment it has metrics or deployments in,
/// as the health score computes it now. Health itself keeps no history, so these rows are what an executive report for
/// a past period reads. Idempotent per (day, model, environment): rows already taken are skipped, and a racing run's
/// row wins over ours.
/// </summary>
public sealed class TakePortfolioSnapshotJob(
    IDbContextFactory<PortalDbContext> dbFactory, ModelsService models, MonitoringCoverage monitoring, RunningDeployments deployments,
    HealthScore health, TimeProvider clock)
{
    public const string RecurringId = "portfolio-snapshot";
    public const string Production = "production";

    /// <summary>When the daily run starts: early enough that the day's snapshot exists before anyone reads a report of it.</summary>
    public static readonly TimeOnly TakenAt = new(0, 15);

    public Task<int> RunAsync(CancellationToken cancellationToken) =>
        TakeAsync(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), cancellationToken);

    /// <summary>
    /// Takes the snapshots of <paramref name="day"/> that do not exist yet and returns how many it stored. A past day
    /// (demo history, tests) is stamped as taken at that day's scheduled time, so reports with an earlier as-of leave it
    /// out just as they would have then; today's is stamped now.
    /// </summary>
    public async Task<int> TakeAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var scheduled = day.ToDateTime(TakenAt, DateTimeKind.Utc);
        var takenAt = day < DateOnly.FromDateTime(now) && scheduled < now ? scheduled : now;
        var portfolio = await models.PortfolioAsync(now, cancellationToken);
        var environments = (await monitoring.ActivityAsync(now, now, cancellationToken)).Select(a => (a.ModelId, a.Environment))
            .Concat((await deployments.HistoryAsync(now, cancellationToken)).Select(d => (d.ModelId, d.Environment)))
            .ToLookup(p => p.ModelId, p => p.Environment);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var taken = (await db.PortfolioSnapshots.AsNoTracking().Where(s => s.Day == day).Select(s => new { s.ModelId, s.Environment })
            .ToListAsync(cancellationToken)).Select(s => (s.ModelId, s.Environment)).ToHashSet();
        var wanted = portfolio.SelectMany(model => environments[model.Id].Append(Production).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Where(environment => !taken.Contains((model.Id, environment))).Select(environment => (Model: model, Environment: environment))).ToList();
        var stored = 0;
        // One score computation per environment for all its models, rather than one per model.
        foreach (var group in wanted.GroupBy(w => w.Environment, StringComparer.Ordinal))
        {
            var reports = await health.ComputeAsync([.. group.Select(w => w.Model.Key)], group.Key, cancellationToken);
            foreach (var (model, environment) in group)
            {
                var report = reports[model.Key];
                if (await StoreAsync(new PortfolioSnapshot
                {
                    Day = day, ModelId = model.Id, Environment = environment, Score = report.Score, Status = report.Status.ToString(), TakenAtUtc = takenAt,
                }, cancellationToken))
                {
                    stored++;
                }
            }
        }

        return stored;
    }

    /// <summary>One row per save: a run racing this one may take the same row first, which costs only that row.</summary>
    private async Task<bool> StoreAsync(PortfolioSnapshot snapshot, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.PortfolioSnapshots.Add(snapshot);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex, "PortfolioSnapshots", nameof(PortfolioSnapshot.Day), nameof(PortfolioSnapshot.ModelId), nameof(PortfolioSnapshot.Environment)))
        {
            return false;
        }
    }
}
