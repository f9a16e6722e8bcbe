using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Health;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Health;

public sealed class HealthScoreTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 17, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock = new(Now);
    private readonly PortalAppFactory app;

    public HealthScoreTests() =>
        app = new PortalAppFactory { ConfigureServices = services => services.AddSingleton<TimeProvider>(clock) };

    private HealthScore Health => app.Services.GetRequiredService<HealthScore>();

    public async Task InitializeAsync()
    {
        var models = app.Services.GetRequiredService<ModelsService>();
        await models.CreateModelAsync(Personas.Contributor, new ModelInput("churn-model", "Churn", "", "Dana", "Retail", "", RiskTier.High, []));
        var card = new ModelCard { IntendedUse = "a", TrainingData = "b", EvaluationData = "c", Metrics = "d", Limitations = "e" };
        await models.RegisterVersionAsync(Personas.Contributor, "churn-model", new VersionInput("xgboost", "s3://m/model.bin", new string('a', 64), null, null, null, [],
            null, new Dictionary<string, double> { ["auc"] = 0.86 }, card));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task A_model_within_every_objective_is_healthy_and_every_part_says_why()
    {
        // Metrics from production are only healthy with an approved deployment there; without one they are a shadow deployment.
        await DeployedInProductionAsync();
        await SendAsync(Now.AddMinutes(-5), (MetricNames.Auc, 0.86), (MetricNames.LatencyP95, 220), (MetricNames.ErrorRate, 0.004));

        var report = await Health.ComputeAsync("churn-model", "production");

        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.Equal(100, report.Score);
        Assert.All(report.Parts, p => Assert.False(string.IsNullOrWhiteSpace(p.Explanation)));
        Assert.Contains("baseline 0.86", Part(report, HealthComponent.Performance).Explanation, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.NoData, Part(report, HealthComponent.Drift).Status);
        Assert.Null(Part(report, HealthComponent.Drift).Score);
    }

    [Fact]
    public async Task A_primary_metric_above_its_baseline_is_called_better_not_short()
    {
        await SendAsync(Now.AddMinutes(-5), (MetricNames.Auc, 0.93));

        var performance = Part(await Health.ComputeAsync("churn-model", "production"), HealthComponent.Performance);

        Assert.Equal(100, performance.Score);
        Assert.Equal("model.auc is 0.93, better than the v1 baseline 0.86.", performance.Explanation);
    }

    [Fact]
    public async Task A_primary_metric_past_its_threshold_makes_the_model_critical()
    {
        await SendAsync(Now.AddMinutes(-5), (MetricNames.Auc, 0.65), (MetricNames.LatencyP95, 220));

        var report = await Health.ComputeAsync("churn-model", "production");

        Assert.Equal(HealthStatus.Critical, report.Status);
        var performance = Part(report, HealthComponent.Performance);
        Assert.Equal(0, performance.Score);
        Assert.Contains("threshold 0.7", performance.Explanation, StringComparison.Ordinal);
        // The score is the weighted mean of the parts that have data, not only the worst one.
        var scored = report.Parts.Where(p => p.Score is not null).ToList();
        Assert.Equal(Math.Round(scored.Sum(p => p.Score!.Value * p.Weight) / scored.Sum(p => p.Weight), 1), report.Score);
    }

    [Fact]
    public async Task Slow_service_and_stale_points_lower_their_parts()
    {
        await SendAsync(Now.AddHours(-5), (MetricNames.Auc, 0.86), (MetricNames.LatencyP95, 900), (MetricNames.ErrorRate, 0.05));

        var report = await Health.ComputeAsync("churn-model", "production");

        Assert.Equal(HealthStatus.Critical, Part(report, HealthComponent.Service).Status);
        Assert.Contains("p95 latency 900 ms vs SLO 500 ms", Part(report, HealthComponent.Service).Explanation, StringComparison.Ordinal);
        var freshness = Part(report, HealthComponent.Freshness);
        Assert.Equal(0, freshness.Score);
        Assert.Contains("5 hours", freshness.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_any_points_or_checks_the_model_has_no_data_not_a_perfect_score()
    {
        var report = await Health.ComputeAsync("churn-model", "staging");

        // No open incident and a complete card are things the portal knows and still shows, but they measure nothing:
        // a model nobody has measured is "No data", never Healthy 100 (issue 15 item 5).
        Assert.Equal([HealthComponent.Incidents, HealthComponent.Governance], report.Parts.Where(p => p.Score is not null).Select(p => p.Component));
        Assert.Equal(HealthStatus.NoData, report.Status);
        Assert.Null(report.Score);
    }

    [Fact]
    public async Task A_shared_report_gives_way_to_a_new_point_at_once_and_to_time_after_its_lifetime()
    {
        await DeployedInProductionAsync();
        await SendAsync(Now.AddMinutes(-5), (MetricNames.Auc, 0.86));
        var healthy = await Health.SharedAsync("churn-model", "production");
        Assert.Equal(HealthStatus.Healthy, Part(healthy, HealthComponent.Performance).Status);
        Assert.Same(healthy, await Health.SharedAsync("churn-model", "production"));

        // Metrics are not audited: the newest point's id moves instead.
        await SendAsync(Now.AddMinutes(-1), (MetricNames.Auc, 0.60));
        Assert.Equal(HealthStatus.Critical, Part(await Health.SharedAsync("churn-model", "production"), HealthComponent.Performance).Status);

        // Time alone moves nothing: points go stale within the shared lifetime, not at once.
        var kept = await Health.SharedAsync("churn-model", "production");
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Same(kept, await Health.SharedAsync("churn-model", "production"));
        clock.Advance(HealthScore.SharedFor);
        var later = await Health.SharedAsync("churn-model", "production");
        Assert.NotSame(kept, later);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, later.ComputedAtUtc);
    }

    [Fact]
    public async Task A_models_own_weights_replace_the_defaults()
    {
        await SendAsync(Now.AddMinutes(-5), (MetricNames.Auc, 0.86), (MetricNames.LatencyP95, 900));
        var before = await Health.ComputeAsync("churn-model", "production");
        await using (var db = await app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            var modelId = db.Models.Single(m => m.Key == "churn-model").Id;
            db.ModelHealthSettings.Add(new ModelHealthSettings { ModelId = modelId, Weights = new() { [HealthComponent.Service] = 0 } });
            await db.SaveChangesAsync();
        }

        var after = await Health.ComputeAsync("churn-model", "production");

        Assert.True(after.Score > before.Score, $"ignoring the slow service should raise the score ({before.Score} → {after.Score})");
        Assert.Equal(0, Part(after, HealthComponent.Service).Weight);
    }

    [Fact]
    public async Task The_api_answers_the_same_report_with_its_parts()
    {
        await SendAsync(Now.AddMinutes(-5), (MetricNames.Auc, 0.65));
        using var client = app.CreateClientAs(Personas.Business);

        var report = await (await client.GetPathAsync("/api/v1/models/churn-model/health?environment=production")).JsonAsync();
        using var unknown = await client.GetPathAsync("/api/v1/models/nope/health");

        Assert.Equal("Critical", report["status"]!.GetValue<string>());
        Assert.Equal(7, report["parts"]!.AsArray().Count);
        Assert.Contains(report["parts"]!.AsArray(), p => p!["component"]!.GetValue<string>() == "Performance" && p["explanation"]!.GetValue<string>().Contains("threshold", StringComparison.Ordinal));
        await unknown.ProblemAsync(System.Net.HttpStatusCode.NotFound);
    }

    /// <summary>v1 deployed to production on an approval valid for 180 days, as if its request had gone through.</summary>
    private async Task DeployedInProductionAsync()
    {
        await using var db = await app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var version = db.ModelVersions.Single(v => v.Model!.Key == "churn-model" && v.Number == 1);
        var now = Now.UtcDateTime;
        db.DeploymentRequests.Add(new DeploymentRequest
        {
            ModelId = version.ModelId, ModelVersionId = version.Id, EnvironmentId = db.Environments.Single(e => e.Key == "production").Id,
            State = DeploymentState.Deployed, RiskTier = RiskTier.High, RequiredApprovals = 2, ApprovalCount = 2, Justification = "Test.",
            RequesterId = "dana", RequesterName = "Dana", RegistrantName = "Dana", CreatedAtUtc = now.AddDays(-2), StateChangedAtUtc = now.AddDays(-1),
            ApprovedAtUtc = now.AddDays(-1), ApprovalExpiresAtUtc = now.AddDays(179), DeployedAtUtc = now.AddDays(-1),
        });
        await db.SaveChangesAsync();
    }

    private static HealthPart Part(HealthReport report, HealthComponent component) => report.Parts.Single(p => p.Component == component);

    private async Task SendAsync(DateTimeOffset at, params (string Metric, double Value)[] values)
    {
        var points = values.Select(v => new IngestionPoint(v.Metric,
            JsonSerializer.SerializeToElement(at.ToString("O", CultureInfo.InvariantCulture)), JsonSerializer.SerializeToElement(v.Value))).ToList();
        await app.Services.GetRequiredService<MetricsIngestion>().IngestAsync("test", new IngestionRequest("churn-model", "production", null, points), CancellationToken.None);
    }
}
