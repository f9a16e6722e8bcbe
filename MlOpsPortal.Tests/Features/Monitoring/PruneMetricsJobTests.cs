using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Monitoring;

public sealed class PruneMetricsJobTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private PortalServices app = default!;

    public async Task InitializeAsync()
    {
        app = await PortalServices.StartAsync(clock);
        // Ingestion answers once the one writer of points, a hosted service, has committed.
        await app.StartHostedServiceAsync<MetricsWriter>();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Each_resolution_is_kept_for_its_own_retention_and_a_second_run_removes_nothing()
    {
        var dana = Personas.Contributor.Principal;
        await app.Services.GetRequiredService<ModelsService>().CreateModelAsync(dana, new ModelInput("churn-model", "Churn", "", "Dana", "Retail", "", RiskTier.Low, []));
        await SendAsync(clock.GetUtcNow().AddDays(-20), "old-batch"); // accepted now: within the 30-day window
        clock.Advance(TimeSpan.FromDays(20)); // the points are now 40 days old
        await SendAsync(clock.GetUtcNow().AddMinutes(-1), "new-batch");
        var job = app.Services.GetRequiredService<PruneMetricsJob>();

        var removed = await job.RunAsync(CancellationToken.None);
        var again = await job.RunAsync(CancellationToken.None);

        Assert.True(removed > 0);
        Assert.Equal(0, again);
        var rawDays = await app.QueryAsync(db => db.MetricPoints.Select(p => p.TimestampMs).ToListAsync());
        Assert.Single(rawDays); // the 40-day-old raw point is gone (35 days), the new one stays
        // Minute rollups (90 days) and hour and day rollups still hold both points.
        Assert.Equal(2, await app.QueryAsync(db => db.MetricRollups.CountAsync(r => r.Resolution == RollupResolution.Minute)));
        Assert.Equal(2L, await app.QueryAsync(db => db.MetricRollups.Where(r => r.Resolution == RollupResolution.Day).SumAsync(r => r.Count)));
        // The 20-day-old idempotency key is forgotten (7 days); the fresh one is still remembered.
        Assert.Equal(["new-batch"], await app.QueryAsync(db => db.IngestionBatches.Select(b => b.IdempotencyKey).ToListAsync()));
    }

    private Task<IngestionResult> SendAsync(DateTimeOffset at, string idempotencyKey) =>
        app.Services.GetRequiredService<MetricsIngestion>().IngestAsync("test", new IngestionRequest("churn-model", "production", idempotencyKey,
            [new IngestionPoint(MetricNames.Auc, JsonSerializer.SerializeToElement(at.ToString("O", CultureInfo.InvariantCulture)), JsonSerializer.SerializeToElement(0.8))]),
            CancellationToken.None);
}
