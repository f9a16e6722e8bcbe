using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Infrastructure.Signals;
using MlOpsPortal.Tests.Features.Incidents;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Monitoring;

/// <summary>A Critical alert rule raises incident signals as its alert fires and resolves; other severities do not.</summary>
public sealed class AlertSignalsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddHours(-2);
    private PortalServices portal = null!;

    private AlertRules Rules => portal.Services.GetRequiredService<AlertRules>();

    private AlertEvaluator Evaluator => portal.Services.GetRequiredService<AlertEvaluator>();

    public async Task InitializeAsync()
    {
        portal = await PortalServices.StartAsync();
        var models = portal.Services.GetRequiredService<ModelsService>();
        await models.CreateModelAsync(Personas.Contributor, new ModelInput("churn-model", "Churn", "", "Dana", "Retail", "", RiskTier.High, []));
        await models.RegisterVersionAsync(Personas.Contributor, "churn-model", new VersionInput("xgboost", "s3://m/model.bin", new string('a', 64), null, null, null, [],
            null, new Dictionary<string, double> { ["auc"] = 0.86 }, null));
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();

    [Fact]
    public async Task A_critical_alert_firing_opens_a_P1_incident_on_the_model_in_its_environment_and_its_resolution_is_noted()
    {
        var rule = await Rules.CreateRuleAsync(Personas.Contributor, "churn-model", new AlertRuleInput("production", MetricNames.Auc, AlertCondition.Below, 0.75, 10, AlertSeverity.Critical));
        var key = $"alert-rule:{rule.Id}";

        await Evaluator.EvaluateAsync([Point(0, 0.70), Point(11, 0.69)]);

        var fired = Assert.Single(await portal.Services.SignalsAsync());
        Assert.Equal((SignalSource.Alert, SignalStatus.Firing, SignalSeverity.Critical, key), (fired.Source, fired.Status, fired.Severity, fired.DedupKey));
        Assert.Equal("model.auc below 0.75 for 10 min in production on churn-model", fired.Title);
        Assert.Equal("/models/churn-model/monitoring?env=production", fired.Link);
        Assert.Equal(T0.AddMinutes(11).UtcDateTime, fired.OccurredAtUtc, TimeSpan.FromMilliseconds(1));
        Assert.NotNull(fired.ModelId);
        Assert.NotNull(fired.EnvironmentId);

        var incident = await portal.Services.ProcessedIncidentAsync(key);
        Assert.Equal((IncidentSource.Alert, "churn-model", "production", IncidentPriority.P1), (incident.Source, incident.Model, incident.Environment, incident.Priority));
        Assert.Equal((Impact.High, Urgency.High), (incident.Impact, incident.Urgency));

        await Evaluator.EvaluateAsync([Point(12, 0.80)]);

        var resolved = (await portal.Services.SignalsAsync()).Last();
        Assert.Equal((SignalStatus.Resolved, key), (resolved.Status, resolved.DedupKey));
        await portal.Services.ProcessedIncidentAsync(key);
        var timeline = await portal.Services.TimelineAsync(incident.Number);
        Assert.Contains(timeline, t => t.Kind == TimelineKind.Signal && t.Text.StartsWith("Resolved at the source", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_warning_alert_fires_and_shows_but_raises_no_signal()
    {
        await Rules.CreateRuleAsync(Personas.Contributor, "churn-model", new AlertRuleInput("production", MetricNames.Auc, AlertCondition.Below, 0.75, 0, AlertSeverity.Warning));

        await Evaluator.EvaluateAsync([Point(0, 0.70), Point(1, 0.80)]);

        Assert.NotNull(Assert.Single(await portal.Services.GetRequiredService<AlertsService>().ListAlertsAsync("churn-model")).ResolvedAtUtc);
        Assert.Empty(await portal.Services.SignalsAsync());
    }

    private static CommittedPoint Point(int minute, double value) =>
        new("churn-model", "production", MetricNames.Auc, T0.AddMinutes(minute).ToUnixTimeMilliseconds(), value);
}
