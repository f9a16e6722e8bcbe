using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Architecture;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Monitoring;

public sealed record AlertRuleInput(string? Environment, string? Metric, AlertCondition? Condition, double? Threshold, int? ForMinutes, AlertSeverity? Severity);

public sealed record AlertRuleView(int Id, string Environment, string Metric, AlertCondition Condition, double Threshold, int ForMinutes,
    AlertSeverity Severity, bool Enabled, bool Firing, string Description);

[FeatureContract]
public sealed record AlertView(long Id, int RuleId, string Environment, string Metric, AlertSeverity Severity, DateTime FiredAtUtc, DateTime? ResolvedAtUtc,
    double Value, string Message);

/// <summary>
/// Alert rules per model, and their evaluation as points arrive: a rule fires once its condition has held for its
/// duration, and resolves at the first point where it no longer holds.
/// </summary>
[FeatureContract]
public sealed class AlertsService(IDbContextFactory<PortalDbContext> dbFactory, IAuthorizationService authorization, ModelsService models, TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim evaluation = new(1, 1);

    public void Dispose() => evaluation.Dispose();

    public async Task<IReadOnlyList<AlertRuleView>> ListRulesAsync(string modelKey, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rules = await db.AlertRules.AsNoTracking()
            .Where(r => db.Models.Any(m => m.Id == r.ModelId && m.Key == modelKey))
            .Join(db.Environments, r => r.EnvironmentId, e => e.Id, (r, e) => new { Rule = r, Environment = e.Key })
            .OrderBy(x => x.Rule.Id)
            .ToListAsync(cancellationToken);
        var firing = await db.Alerts.Where(a => a.ResolvedAtUtc == null).Select(a => a.RuleId).ToListAsync(cancellationToken);
        return [.. rules.Select(x => ToView(x.Rule, x.Environment, firing.Contains(x.Rule.Id)))];
    }

    public async Task<IReadOnlyList<AlertView>> ListAlertsAsync(string modelKey, int take = 50, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Alerts.AsNoTracking()
            .Where(a => db.Models.Any(m => m.Id == a.Rule!.ModelId && m.Key == modelKey))
            .OrderByDescending(a => a.ResolvedAtUtc == null).ThenByDescending(a => a.FiredAtUtc)
            .Take(take)
            .Select(a => new AlertView(a.Id, a.RuleId, db.Environments.Where(e => e.Id == a.Rule!.EnvironmentId).Select(e => e.Key).First(),
                a.Rule!.MetricName, a.Rule.Severity, a.FiredAtUtc, a.ResolvedAtUtc, a.Value, a.Message))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Critical alerts of a model in one environment that have fired and not resolved (the deployment gate asks).</summary>
    public async Task<IReadOnlyList<AlertView>> FiringCriticalAlertsAsync(string modelKey, string environmentKey, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Alerts.AsNoTracking()
            .Where(a => a.ResolvedAtUtc == null && a.Rule!.Severity == AlertSeverity.Critical
                && db.Models.Any(m => m.Id == a.Rule.ModelId && m.Key == modelKey)
                && db.Environments.Any(e => e.Id == a.Rule.EnvironmentId && e.Key == environmentKey))
            .OrderByDescending(a => a.FiredAtUtc)
            .Select(a => new AlertView(a.Id, a.RuleId, environmentKey, a.Rule!.MetricName, a.Rule.Severity, a.FiredAtUtc, a.ResolvedAtUtc, a.Value, a.Message))
            .ToListAsync(cancellationToken);
    }

    public async Task<AlertRuleView> CreateRuleAsync(ClaimsPrincipal user, string modelKey, AlertRuleInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await authorization.EnsureAsync(user, Policies.WriteRegistry, "Only the model's contributors and admins manage its alert rules.");
        var errors = new FieldErrors();
        if (!MetricNames.IsValid(input.Metric))
        {
            errors.Add("metric", $"Choose a metric name such as model.auc (matching {MetricNames.Pattern}).");
        }

        if (input.Condition is null)
        {
            errors.Add("condition", "Choose a condition: above, below, or change against the baseline in percent.");
        }

        if (input.Threshold is not { } threshold || !double.IsFinite(threshold))
        {
            errors.Add("threshold", "The threshold must be a number.");
        }

        if (input.ForMinutes is not (>= 0 and <= 10_080))
        {
            errors.Add("forMinutes", "For how long must be 0 to 10,080 minutes (a week).");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var environment = await db.Environments.SingleOrDefaultAsync(e => e.Key == input.Environment, cancellationToken);
        if (environment is null)
        {
            errors.Add("environment", "Choose development, staging or production.");
        }

        errors.ThrowIfAny();
        var modelId = await db.Models.Where(m => m.Key == modelKey).Select(m => (int?)m.Id).SingleOrDefaultAsync(cancellationToken)
            ?? throw new PortalNotFoundException($"There is no model with the key '{modelKey}'.");
        var actor = AuditActor.From(user);
        var rule = new AlertRule
        {
            ModelId = modelId,
            EnvironmentId = environment!.Id,
            MetricName = input.Metric!,
            Condition = input.Condition!.Value,
            Threshold = input.Threshold!.Value,
            ForMinutes = input.ForMinutes!.Value,
            Severity = input.Severity ?? AlertSeverity.Warning,
            CreatedBy = actor.Name,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.AlertRules.Add(rule);
        var view = ToView(rule, environment.Key, false);
        db.AddAuditEvent(actor, "alert-rule.created", nameof(AlertRule), modelKey, new { after = view });
        await db.SaveChangesAsync(cancellationToken);
        return view with { Id = rule.Id };
    }

    /// <summary>
    /// A rule the portal itself needs (e.g. a failed quality report raising an alert), created once per model,
    /// environment and metric; people may change its severity or delete it like any other rule.
    /// </summary>
    public async Task EnsureSystemRuleAsync(
        string modelKey, string environmentKey, string metric, AlertCondition condition, double threshold, AlertSeverity severity, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var modelId = await db.Models.Where(m => m.Key == modelKey).Select(m => (int?)m.Id).SingleOrDefaultAsync(cancellationToken);
        var environmentId = await db.Environments.Where(e => e.Key == environmentKey).Select(e => (int?)e.Id).SingleOrDefaultAsync(cancellationToken);
        if (modelId is null || environmentId is null
            || await db.AlertRules.AnyAsync(r => r.ModelId == modelId && r.EnvironmentId == environmentId && r.MetricName == metric, cancellationToken))
        {
            return;
        }

        var rule = new AlertRule
        {
            ModelId = modelId.Value,
            EnvironmentId = environmentId.Value,
            MetricName = metric,
            Condition = condition,
            Threshold = threshold,
            Severity = severity,
            CreatedBy = AuditActor.System.Name,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.AlertRules.Add(rule);
        db.AddAuditEvent(AuditActor.System, "alert-rule.created", nameof(AlertRule), modelKey, new { after = ToView(rule, environmentKey, false) });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task DeleteRuleAsync(ClaimsPrincipal user, int ruleId, CancellationToken cancellationToken = default)
    {
        await authorization.EnsureAsync(user, Policies.WriteRegistry, "Only the model's contributors and admins manage its alert rules.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rule = await db.AlertRules.SingleOrDefaultAsync(r => r.Id == ruleId, cancellationToken)
            ?? throw new PortalNotFoundException($"There is no alert rule {ruleId}.");
        var modelKey = await db.Models.Where(m => m.Id == rule.ModelId).Select(m => m.Key).SingleAsync(cancellationToken);
        var environment = await db.Environments.Where(e => e.Id == rule.EnvironmentId).Select(e => e.Key).SingleAsync(cancellationToken);
        db.AlertRules.Remove(rule);
        db.AddAuditEvent(AuditActor.From(user), "alert-rule.deleted", nameof(AlertRule), modelKey, new { before = ToView(rule, environment, false) });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Evaluates the rules the committed points concern; one evaluation at a time keeps each rule's state consistent.</summary>
    public async Task EvaluateAsync(IReadOnlyList<CommittedPoint> points, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        await evaluation.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            foreach (var series in points.Where(p => p.Model is not null).GroupBy(p => (p.Model, p.Environment, p.Metric)))
            {
                var (modelKey, environmentKey, metric) = series.Key;
                var rules = await db.AlertRules
                    .Where(r => r.Enabled && r.MetricName == metric
                        && db.Models.Any(m => m.Id == r.ModelId && m.Key == modelKey)
                        && db.Environments.Any(e => e.Id == r.EnvironmentId && e.Key == environmentKey))
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
                        await ApplyAsync(db, rule, point, baseline, cancellationToken);
                    }
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            evaluation.Release();
        }
    }

    private static async Task ApplyAsync(PortalDbContext db, AlertRule rule, CommittedPoint point, double? baseline, CancellationToken cancellationToken)
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
            }

            return;
        }

        rule.BreachingSinceUtc ??= at;
        if (open is null && at - rule.BreachingSinceUtc >= TimeSpan.FromMinutes(rule.ForMinutes))
        {
            db.Alerts.Add(new Alert
            {
                RuleId = rule.Id,
                FiredAtUtc = at,
                Value = point.Value,
                Message = $"{point.Metric} is {point.Value.ToString("0.####", CultureInfo.InvariantCulture)} in {point.Environment}: {Describe(rule)}.",
            });
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


    private static string Describe(AlertRule rule)
    {
        var threshold = rule.Threshold.ToString("0.####", CultureInfo.InvariantCulture);
        var condition = rule.Condition switch
        {
            AlertCondition.Above => $"above {threshold}",
            AlertCondition.Below => $"below {threshold}",
            _ => $"{threshold} % or more against the baseline",
        };
        return $"{rule.MetricName} {condition}" + (rule.ForMinutes > 0 ? $" for {rule.ForMinutes} min" : string.Empty);
    }

    private static AlertRuleView ToView(AlertRule rule, string environment, bool firing) =>
        new(rule.Id, environment, rule.MetricName, rule.Condition, rule.Threshold, rule.ForMinutes, rule.Severity, rule.Enabled, firing, Describe(rule));
}

/// <summary>Runs the alert rules on every group commit, off the writer's path.</summary>
public sealed partial class AlertEvaluator(MetricsFeed feed, AlertsService alerts, ILogger<AlertEvaluator> logger) : IHostedService, IDisposable
{
    private IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = feed.Subscribe(async points =>
        {
            try
            {
                await alerts.EvaluateAsync(points);
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

    [LoggerMessage(EventId = 4101, Level = LogLevel.Error, Message = "Evaluating alert rules for {Points} points failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, int points);
}
