using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>
/// Runs the alert rules on every group commit, off the writer's path: a rule fires once its condition has held for
/// its duration, and resolves at the first point where it no longer holds.
/// </summary>
public sealed partial class AlertEvaluator(
    IDbContextFactory<PortalDbContext> dbFactory,
    SeriesKeys keys,
    AlertRuleSeries ruleSeries,
    ModelsService models,
    MetricsFeed feed,
    IEnumerable<MetricWithOwnSignals> ownSignals,
    ILogger<AlertEvaluator> logger) : IHostedService, IDisposable
{
    private readonly HashSet<string> silentMetrics = [.. ownSignals.Select(m => m.Metric)];
    // Never disposed: points published just before shutdown may still be evaluating when the host disposes the service,
    // and a SemaphoreSlim whose wait handle is never asked for holds nothing to release.
    private readonly SemaphoreSlim evaluation = new(1, 1);
    private IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = feed.SubscribeAll(async points =>
        {
            try
            {
                await EvaluateAsync(points);
            }
#pragma warning disable CA1031 // a failed evaluation must not break the feed; the next points evaluate again
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogFailed(logger, ex, points.Count);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => subscription?.Dispose();

    /// <summary>Evaluates the rules the committed points concern; one evaluation at a time keeps each rule's state consistent.</summary>
    public async Task EvaluateAsync(IReadOnlyList<CommittedPoint> points, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        await evaluation.WaitAsync(cancellationToken);
        PortalDbContext? db = null;
        try
        {
            foreach (var series in points.Where(p => p.Model is not null).GroupBy(p => (p.Model, p.Environment, p.Metric)))
            {
                var (modelKey, environmentKey, metric) = series.Key;
                // The writer's points name known keys: their ids are remembered, so this asks no database; nor does a
                // series without rules (most of them), so a commit of such points costs the database nothing here.
                if (await keys.OwnerAsync(modelKey, environmentKey, cancellationToken) is not { ModelId: { } modelId } owner
                    || !await ruleSeries.HasRulesAsync(modelId, owner.EnvironmentId, metric, cancellationToken))
                {
                    continue;
                }

                db ??= await dbFactory.CreateDbContextAsync(cancellationToken);

                var rules = await db.AlertRules
                    .Where(r => r.Enabled && r.MetricName == metric && r.ModelId == owner.ModelId && r.EnvironmentId == owner.EnvironmentId)
                    .ToListAsync(cancellationToken);
                if (rules.Count == 0)
                {
                    continue;
                }

                var baseline = await BaselineAsync(modelKey!, metric, cancellationToken);
                foreach (var point in series.OrderBy(p => p.TimestampMs))
                {
                    foreach (var rule in rules)
                    {
                        await ApplyAsync(db, rule, point, baseline, !silentMetrics.Contains(metric), cancellationToken);
                    }
                }
            }

            if (db is not null)
            {
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        finally
        {
            if (db is not null)
            {
                await db.DisposeAsync();
            }

            evaluation.Release();
        }
    }

    /// <summary>Moves one rule on by one point; a change of its alert raises a signal in the same save (<paramref name="signals"/> permitting).</summary>
    private static async Task ApplyAsync(PortalDbContext db, AlertRule rule, CommittedPoint point, double? baseline, bool signals, CancellationToken cancellationToken)
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(point.TimestampMs).UtcDateTime;
        var holds = Holds(rule, point.Value, baseline);
        var open = await db.Alerts.SingleOrDefaultAsync(a => a.RuleId == rule.Id && a.ResolvedAtUtc == null, cancellationToken)
            ?? db.Alerts.Local.SingleOrDefault(a => a.RuleId == rule.Id && a.ResolvedAtUtc == null);
        if (!holds)
        {
            rule.BreachingSinceUtc = null;
            if (open is not null)
            {
                open.ResolvedAtUtc = at;
                if (signals)
                {
                    await AlertSignals.ResolvedAsync(db, rule, point, at, cancellationToken);
                }
            }

            return;
        }

        rule.BreachingSinceUtc ??= at;
        if (open is null && at - rule.BreachingSinceUtc >= TimeSpan.FromMinutes(rule.ForMinutes))
        {
            var alert = new Alert
            {
                RuleId = rule.Id,
                FiredAtUtc = at,
                Value = point.Value,
                Message = $"{point.Metric} is {point.Value.ToString("0.####", CultureInfo.InvariantCulture)} in {point.Environment}: {rule.Describe()}.",
            };
            db.Alerts.Add(alert);
            if (signals)
            {
                AlertSignals.Fired(db, rule, point, alert, at);
            }
        }
    }

    private static bool Holds(AlertRule rule, double value, double? baseline) => rule.Condition switch
    {
        AlertCondition.Above => value > rule.Threshold,
        AlertCondition.Below => value < rule.Threshold,
        // A threshold of -5 fires on a drop of more than 5 %; +5 on a rise of more than 5 %. Without a baseline nothing fires.
        _ => baseline is { } b && b != 0 && (rule.Threshold < 0 ? (value - b) / Math.Abs(b) * 100 < rule.Threshold : (value - b) / Math.Abs(b) * 100 > rule.Threshold),
    };

    private async Task<double?> BaselineAsync(string modelKey, string metric, CancellationToken cancellationToken)
    {
        var model = await models.GetModelAsync(modelKey, cancellationToken);
        return MetricDisplay.Baseline(model?.Versions.OrderByDescending(v => v.Version).FirstOrDefault(), metric);
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Error, Message = "Evaluating alert rules for {Points} points failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, int points);
}
