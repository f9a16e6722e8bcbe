using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Monitoring;

/// <summary>A model's dashboard reads its charts' series together; each must equal the series read alone.</summary>
public sealed class ChartBatchTests
{
    private static readonly string[] Metrics =
        [MetricNames.Accuracy, MetricNames.Auc, MetricNames.Predictions, MetricNames.LatencyP50, MetricNames.LatencyP95, MetricNames.ErrorRate, "never.sent"];

    [Fact]
    public async Task Series_read_together_equal_each_read_alone_from_raw_points_and_from_rollups()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await PortalServices.StartAsync(clock, seedDemoData: true);
        await app.StartHostedServiceAsync<MetricsWriter>();
        await ActivatorUtilities.CreateInstance<MetricsSimulator>(app.Services).BackfillAsync(CancellationToken.None);
        var queries = app.Services.GetRequiredService<ChartQueries>();
        var now = clock.GetUtcNow();
        var resolutions = new HashSet<string>();

        // An hour fits in raw points, a day needs minute buckets, a year hourly ones.
        foreach (var from in new[] { now.AddHours(-1), now.AddDays(-1), now.AddDays(-365) })
        {
            var together = await queries.QueryManyAsync("churn-model", "production", Metrics, from, now, MetricSeriesChart.DefaultMaxPoints);

            Assert.Equal(Metrics.Order(), together.Keys.Order());
            foreach (var metric in Metrics)
            {
                var alone = await queries.QueryAsync(new MetricQuery("churn-model", "production", metric, from, now, MetricSeriesChart.DefaultMaxPoints));
                Assert.Equal(JsonSerializer.Serialize(alone), JsonSerializer.Serialize(together[metric]));
                resolutions.Add(alone.Resolution);
            }
        }

        Assert.Superset(new HashSet<string> { "raw", "1m", "1h" }, resolutions);
        Assert.NotEmpty((await queries.QueryManyAsync("churn-model", "production", Metrics, now.AddHours(-1), now, MetricSeriesChart.DefaultMaxPoints))[MetricNames.Accuracy].Points);
        Assert.All((await queries.QueryManyAsync("no-such-model", "production", Metrics, now.AddHours(-1), now, 600)).Values, r => Assert.Empty(r.Points));
    }
}
