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

/// <summary>
/// A model's alert rules: the ones people add and delete on its alerts tab, and the ones the portal itself needs.
/// Every change is audited.
/// </summary>
[FeatureContract]
public sealed class AlertRules(IDbContextFactory<PortalDbContext> dbFactory, IAuthorizationService authorization, RegistryKeys keys, AlertRuleSeries ruleSeries, TimeProvider clock)
{
    private const string Refusal = "Only the model's contributors and admins manage its alert rules.";

    public async Task<IReadOnlyList<AlertRuleView>> ListRulesAsync(string modelKey, CancellationToken cancellationToken = default)
    {
        if (await keys.ModelIdAsync(modelKey, cancellationToken) is not { } modelId)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rules = await db.AlertRules.AsNoTracking().Where(r => r.ModelId == modelId).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var firing = await db.Alerts.Where(a => a.ResolvedAtUtc == null).Select(a => a.RuleId).ToListAsync(cancellationToken);
        var environments = await EnvironmentKeysAsync(cancellationToken);
        return [.. rules.Select(r => ToView(r, environments[r.EnvironmentId], firing.Contains(r.Id)))];
    }

    public async Task<AlertRuleView> CreateRuleAsync(ClaimsPrincipal user, string modelKey, AlertRuleInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await authorization.EnsureAsync(user, Policies.WriteRegistry, Refusal);
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

        var environment = input.Environment is null ? null : await keys.EnvironmentAsync(input.Environment, cancellationToken);
        if (environment is null)
        {
            errors.Add("environment", await keys.UnknownEnvironmentMessageAsync(input.Environment, cancellationToken));
        }

        errors.ThrowIfAny();
        var modelId = await keys.ModelIdAsync(modelKey, cancellationToken)
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
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.AlertRules.Add(rule);
        var view = ToView(rule, environment.Key, false);
        db.AddAuditEvent(actor, "alert-rule.created", nameof(AlertRule), modelKey, new { after = view });
        await db.SaveChangesAsync(cancellationToken);
        ruleSeries.Forget();
        return view with { Id = rule.Id };
    }

    /// <summary>
    /// A rule the portal itself needs (e.g. a failed quality report raising an alert), created once per model,
    /// environment and metric; people may change its severity or delete it like any other rule.
    /// </summary>
    public async Task EnsureSystemRuleAsync(
        string modelKey, string environmentKey, string metric, AlertCondition condition, double threshold, AlertSeverity severity, CancellationToken cancellationToken = default)
    {
        var modelId = await keys.ModelIdAsync(modelKey, cancellationToken);
        var environmentId = (await keys.EnvironmentAsync(environmentKey, cancellationToken))?.Id;
        if (modelId is null || environmentId is null)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.AlertRules.AnyAsync(r => r.ModelId == modelId && r.EnvironmentId == environmentId && r.MetricName == metric, cancellationToken))
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
        ruleSeries.Forget();
    }

    public async Task DeleteRuleAsync(ClaimsPrincipal user, int ruleId, CancellationToken cancellationToken = default)
    {
        await authorization.EnsureAsync(user, Policies.WriteRegistry, Refusal);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rule = await db.AlertRules.SingleOrDefaultAsync(r => r.Id == ruleId, cancellationToken)
            ?? throw new PortalNotFoundException($"There is no alert rule {ruleId}.");
        var modelKey = (await keys.ModelKeysAsync([rule.ModelId], cancellationToken))[rule.ModelId];
        var environments = await EnvironmentKeysAsync(cancellationToken);
        db.AlertRules.Remove(rule);
        db.AddAuditEvent(AuditActor.From(user), "alert-rule.deleted", nameof(AlertRule), modelKey, new { before = ToView(rule, environments[rule.EnvironmentId], false) });
        await db.SaveChangesAsync(cancellationToken);
        ruleSeries.Forget();
    }

    private async Task<Dictionary<int, string>> EnvironmentKeysAsync(CancellationToken cancellationToken) =>
        (await keys.EnvironmentsAsync(cancellationToken)).ToDictionary(e => e.Id, e => e.Key);

    private static AlertRuleView ToView(AlertRule rule, string environment, bool firing) =>
        new(rule.Id, environment, rule.MetricName, rule.Condition, rule.Threshold, rule.ForMinutes, rule.Severity, rule.Enabled, firing, rule.Describe());
}
