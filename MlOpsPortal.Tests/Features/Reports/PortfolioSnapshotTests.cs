using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Health;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Features.Reports;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Reports;

/// <summary>The daily snapshot of every model's health: the history executive reports read.</summary>
public sealed class PortfolioSnapshotTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 0, 15, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock = new(Now);
    private PortalServices portal = null!;

    private TakePortfolioSnapshotJob Job => portal.Services.GetRequiredService<TakePortfolioSnapshotJob>();

    public async Task InitializeAsync()
    {
        portal = await PortalServices.StartAsync(clock);
        await portal.StartHostedServiceAsync<MetricsWriter>();
        var models = portal.Services.GetRequiredService<ModelsService>();
        foreach (var key in new[] { "churn-model", "fraud-model" })
        {
            await models.CreateModelAsync(Personas.Contributor, new ModelInput(key, key, "", "Dana", "Retail", "", RiskTier.Medium, []));
            await models.RegisterVersionAsync(Personas.Contributor, key, new VersionInput("xgboost", "s3://m/model.bin", new string('a', 64), null, null, null, [],
                null, null, null));
        }

        // churn-model also sends metrics from staging; fraud-model has a (pending) request for development.
        var keys = portal.Services.GetRequiredService<RegistryKeys>();
        var staging = (await keys.EnvironmentAsync("staging"))!;
        await portal.Services.GetRequiredService<MetricsWriter>().WriteAsync(new PendingBatch("test", null, (await keys.ModelIdAsync("churn-model"))!.Value, "churn-model",
            staging.Id, staging.Key, [new PendingPoint(MetricNames.Auc, Now.AddMinutes(-5).ToUnixTimeMilliseconds(), 0.9)]), CancellationToken.None);
        await portal.Services.GetRequiredService<DeploymentRequests>().CreateRequestAsync(Personas.Contributor,
            new DeploymentRequestInput("fraud-model", 1, "development", "Try it.", null));
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();

    [Fact]
    public async Task Every_model_is_taken_in_production_and_where_it_has_metrics_or_deployments_with_the_health_score_of_now()
    {
        var stored = await Job.RunAsync(CancellationToken.None);

        var rows = await SnapshotsAsync();
        Assert.Equal(4, stored);
        Assert.Equal(["churn-model production", "churn-model staging", "fraud-model development", "fraud-model production"], rows.Select(r => $"{r.Key} {r.Environment}"));
        var health = portal.Services.GetRequiredService<HealthScore>();
        foreach (var row in rows)
        {
            var expected = await health.ComputeAsync(row.Key, row.Environment);
            Assert.Equal((expected.Score, expected.Status.ToString()), (row.Score, row.Status));
            Assert.Equal((new DateOnly(2026, 11, 20), Now.UtcDateTime), (row.Day, row.TakenAtUtc));
        }
    }

    [Fact]
    public async Task Running_again_the_same_day_stores_nothing_more_and_keeps_the_first_rows()
    {
        await Job.RunAsync(CancellationToken.None);
        var first = await SnapshotsAsync();
        clock.Advance(TimeSpan.FromHours(3));

        var stored = await Job.RunAsync(CancellationToken.None);

        Assert.Equal(0, stored);
        Assert.Equal(first, await SnapshotsAsync());
    }

    [Fact]
    public async Task Racing_runs_store_each_row_once()
    {
        var counts = await Task.WhenAll(Job.TakeAsync(new DateOnly(2026, 11, 20), CancellationToken.None), Job.TakeAsync(new DateOnly(2026, 11, 20), CancellationToken.None));

        Assert.Equal(4, counts.Sum());
        Assert.Equal(4, (await SnapshotsAsync()).Count);
    }

    [Fact]
    public async Task A_past_day_is_stamped_at_its_scheduled_time_so_reports_as_of_before_it_leave_it_out()
    {
        await Job.TakeAsync(new DateOnly(2026, 11, 10), CancellationToken.None);

        Assert.All(await SnapshotsAsync(), r => Assert.Equal(new DateTime(2026, 11, 10, 0, 15, 0, DateTimeKind.Utc), r.TakenAtUtc));
    }

    private Task<List<SnapshotRow>> SnapshotsAsync() => portal.QueryAsync(db =>
        (from s in db.PortfolioSnapshots
         join m in db.Models on s.ModelId equals m.Id
         orderby m.Key, s.Environment
         select new SnapshotRow(m.Key, s.Environment, s.Day, s.Score, s.Status, s.TakenAtUtc)).ToListAsync());

    private sealed record SnapshotRow(string Key, string Environment, DateOnly Day, double? Score, string Status, DateTime TakenAtUtc);
}
