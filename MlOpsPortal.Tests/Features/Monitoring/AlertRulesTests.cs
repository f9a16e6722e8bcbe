using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Monitoring;

public sealed class AlertRulesTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddHours(-2);
    private readonly PortalAppFactory app = new();

    private AlertRules Rules => app.Services.GetRequiredService<AlertRules>();

    private AlertEvaluator Evaluator => app.Services.GetRequiredService<AlertEvaluator>();

    private AlertsService Alerts => app.Services.GetRequiredService<AlertsService>();

    public async Task InitializeAsync()
    {
        var models = app.Services.GetRequiredService<ModelsService>();
        await models.CreateModelAsync(Personas.Contributor, new ModelInput("churn-model", "Churn", "", "Dana", "Retail", "", RiskTier.High, []));
        await models.RegisterVersionAsync(Personas.Contributor, "churn-model", new VersionInput("xgboost", "s3://m/model.bin", new string('a', 64), null, null, null, [],
            null, new Dictionary<string, double> { ["auc"] = 0.86 }, null));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task A_rule_fires_only_after_its_condition_held_for_its_duration_and_resolves_when_it_stops()
    {
        await Rules.CreateRuleAsync(Personas.Contributor, "churn-model", new AlertRuleInput("production", MetricNames.Auc, AlertCondition.Below, 0.75, 10, AlertSeverity.Critical));

        await Evaluator.EvaluateAsync([Point(0, 0.70), Point(5, 0.71)]);
        Assert.Empty(await Alerts.ListAlertsAsync("churn-model"));

        await Evaluator.EvaluateAsync([Point(11, 0.69)]);
        var firing = Assert.Single(await Alerts.ListAlertsAsync("churn-model"));
        Assert.Null(firing.ResolvedAtUtc);
        Assert.Equal(T0.AddMinutes(11).UtcDateTime, firing.FiredAtUtc, TimeSpan.FromMilliseconds(1));
        Assert.Contains("below 0.75 for 10 min", firing.Message, StringComparison.Ordinal);
        Assert.True((await Rules.ListRulesAsync("churn-model")).Single().Firing);

        await Evaluator.EvaluateAsync([Point(12, 0.80)]);
        var resolved = Assert.Single(await Alerts.ListAlertsAsync("churn-model"));
        Assert.Equal(T0.AddMinutes(12).UtcDateTime, resolved.ResolvedAtUtc!.Value, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task A_break_in_the_breach_restarts_the_clock()
    {
        await Rules.CreateRuleAsync(Personas.Contributor, "churn-model", new AlertRuleInput("production", MetricNames.Auc, AlertCondition.Below, 0.75, 10, AlertSeverity.Warning));

        await Evaluator.EvaluateAsync([Point(0, 0.70), Point(6, 0.90), Point(12, 0.70)]);

        Assert.Empty(await Alerts.ListAlertsAsync("churn-model"));
    }

    [Fact]
    public async Task Change_against_the_baseline_compares_with_the_latest_versions_training_metric()
    {
        await Rules.CreateRuleAsync(Personas.Contributor, "churn-model", new AlertRuleInput("production", MetricNames.Auc, AlertCondition.ChangeFromBaselinePercent, -5, 0, AlertSeverity.Warning));

        await Evaluator.EvaluateAsync([Point(0, 0.83)]); // −3.5 %: within
        Assert.Empty(await Alerts.ListAlertsAsync("churn-model"));
        await Evaluator.EvaluateAsync([Point(1, 0.80)]); // −7 %: fires

        Assert.Single(await Alerts.ListAlertsAsync("churn-model"));
    }

    [Fact]
    public async Task A_rule_added_after_its_series_was_evaluated_without_rules_applies_to_the_next_point()
    {
        // The evaluator remembers which series have rules; this point makes it remember that this one has none.
        await Evaluator.EvaluateAsync([Point(0, 0.70)]);
        Assert.Empty(await Alerts.ListAlertsAsync("churn-model"));

        await Rules.CreateRuleAsync(Personas.Contributor, "churn-model", new AlertRuleInput("production", MetricNames.Auc, AlertCondition.Below, 0.75, 0, AlertSeverity.Critical));
        await Evaluator.EvaluateAsync([Point(1, 0.70)]);

        Assert.Single(await Alerts.ListAlertsAsync("churn-model"));
    }

    [Fact]
    public async Task A_deleted_rule_no_longer_moves_on_with_new_points()
    {
        await Rules.CreateRuleAsync(Personas.Contributor, "churn-model", new AlertRuleInput("production", MetricNames.Auc, AlertCondition.Below, 0.75, 10, AlertSeverity.Warning));
        await Evaluator.EvaluateAsync([Point(0, 0.70)]);
        var rule = Assert.Single(await Rules.ListRulesAsync("churn-model"));
        await Rules.DeleteRuleAsync(Personas.Contributor, rule.Id);
        await Rules.CreateRuleAsync(Personas.Contributor, "churn-model", new AlertRuleInput("staging", MetricNames.Auc, AlertCondition.Below, 0.75, 0, AlertSeverity.Warning));

        // Still breaching in production after the old rule's ten minutes: nothing fires there, as no rule is left.
        await Evaluator.EvaluateAsync([Point(11, 0.70)]);

        Assert.Empty(await Alerts.ListAlertsAsync("churn-model"));
    }

    [Fact]
    public async Task Points_sent_to_the_api_are_evaluated_as_they_arrive()
    {
        await Rules.CreateRuleAsync(Personas.Contributor, "churn-model", new AlertRuleInput("production", MetricNames.ErrorRate, AlertCondition.Above, 0.05, 0, AlertSeverity.Critical));
        using var exporter = app.CreateClientWithKey((await app.CreateKeyAsync("exporter", PortalRoles.MetricsWrite)).Secret);

        using var response = await exporter.PostJsonAsync("/api/v1/metrics", new
        {
            model = "churn-model", environment = "production",
            points = new[] { new { metric = MetricNames.ErrorRate, timestamp = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O", CultureInfo.InvariantCulture), value = 0.2 } },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // Evaluation runs just after the commit, off the request's path: wait for it, bounded.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        IReadOnlyList<AlertView> alerts = [];
        while (alerts.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Yield();
            alerts = await Alerts.ListAlertsAsync("churn-model");
        }

        Assert.Equal(AlertSeverity.Critical, Assert.Single(alerts).Severity);
    }

    [Fact]
    public async Task Only_writers_manage_rules_and_bad_rules_are_explained()
    {
        var reader = Personas.Business.Principal;
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            Rules.CreateRuleAsync(reader, "churn-model", new AlertRuleInput("production", MetricNames.Auc, AlertCondition.Below, 0.7, 0, null)));

        var invalid = await Assert.ThrowsAsync<PortalValidationException>(() =>
            Rules.CreateRuleAsync(Personas.Contributor, "churn-model", new AlertRuleInput("qa", "Model AUC", null, double.NaN, -1, null)));

        Assert.Equal(["condition", "environment", "forMinutes", "metric", "threshold"], invalid.Errors.Keys.Order());
        var rule = await Rules.CreateRuleAsync(Personas.Contributor, "churn-model", new AlertRuleInput("production", MetricNames.Auc, AlertCondition.Below, 0.7, 0, null));
        await Rules.DeleteRuleAsync(Personas.Contributor, rule.Id);
        Assert.Empty(await Rules.ListRulesAsync("churn-model"));
        Assert.Equal(2, await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action.StartsWith("alert-rule."))));
    }

    private static CommittedPoint Point(int minute, double value) =>
        new("churn-model", "production", MetricNames.Auc, T0.AddMinutes(minute).ToUnixTimeMilliseconds(), value);
}
