using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Monitoring;

public sealed class MetricsIngestionApiTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 17, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock = new(Now);
    private readonly PortalAppFactory app;
    private HttpClient metrics = default!;

    public MetricsIngestionApiTests()
    {
        app = new PortalAppFactory { ConfigureServices = services => services.AddSingleton<TimeProvider>(clock) };
        app.Settings["Monitoring:Ingestion:RequestsPerMinutePerClient"] = "20";
        app.Settings["Monitoring:Ingestion:MaxBodyBytes"] = "65536";
    }

    public async Task InitializeAsync()
    {
        var contributor = Personas.Contributor.Principal;
        await app.Services.GetRequiredService<ModelsService>().CreateModelAsync(contributor,
            new ModelInput("churn-model", "Churn", "", "Dana", "Retail", "", RiskTier.Medium, []));
        metrics = app.CreateClientWithKey((await app.CreateKeyAsync("exporter", PortalRoles.MetricsWrite)).Secret);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        metrics.Dispose();
        app.Dispose();
    }

    [Fact]
    public async Task An_accepted_batch_is_stored_with_its_rollups_before_the_answer()
    {
        using var response = await metrics.PostJsonAsync("/api/v1/metrics", Batch(Points(0, 90, "model.accuracy")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(90, (await response.JsonAsync())["accepted"]!.GetValue<int>());
        Assert.Equal(90, await app.QueryAsync(db => db.MetricPoints.CountAsync()));
        var rollups = await app.QueryAsync(db => db.MetricRollups.ToListAsync());
        var raw = await app.QueryAsync(db => db.MetricPoints.ToListAsync());
        // 90 points 10 s apart from 15:00: fifteen full minutes, one hour, one day.
        var minutes = rollups.Where(r => r.Resolution == RollupResolution.Minute).OrderBy(r => r.BucketStartMs).ToList();
        Assert.Equal(Enumerable.Repeat(6L, 15), minutes.Select(m => m.Count));
        foreach (var bucket in rollups)
        {
            var size = bucket.Resolution switch { RollupResolution.Minute => 60_000L, RollupResolution.Hour => 3_600_000L, _ => 86_400_000L };
            var inside = raw.Where(p => p.TimestampMs >= bucket.BucketStartMs && p.TimestampMs < bucket.BucketStartMs + size).OrderBy(p => p.TimestampMs).ToList();
            Assert.Equal(inside.Count, bucket.Count);
            Assert.Equal(inside.Sum(p => p.Value), bucket.Sum, 9);
            Assert.Equal(inside.Min(p => p.Value), bucket.Min);
            Assert.Equal(inside.Max(p => p.Value), bucket.Max);
            Assert.Equal(inside[^1].Value, bucket.Last);
        }

        Assert.Equal(90, rollups.Single(r => r.Resolution == RollupResolution.Hour).Count);
    }

    [Fact]
    public async Task The_same_idempotency_key_again_writes_nothing_twice()
    {
        var batch = Batch(Points(0, 10, "model.accuracy"), idempotencyKey: "run-42");

        using var first = await metrics.PostJsonAsync("/api/v1/metrics", batch);
        using var second = await metrics.PostJsonAsync("/api/v1/metrics", batch);

        Assert.Equal(10, (await first.JsonAsync())["accepted"]!.GetValue<int>());
        var again = await second.JsonAsync();
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(0, again["accepted"]!.GetValue<int>());
        Assert.True(again["duplicate"]!.GetValue<bool>());
        Assert.Equal(10, await app.QueryAsync(db => db.MetricPoints.CountAsync()));
        Assert.Equal(10, await app.QueryAsync(db => db.MetricRollups.Where(r => r.Resolution == RollupResolution.Day).SumAsync(r => r.Count)));
    }

    [Theory]
    [InlineData("{\"metric\":\"Model Accuracy\",\"timestamp\":\"2026-11-26T16:59:00Z\",\"value\":0.9}", "points[1].metric")]
    [InlineData("{\"metric\":\"model.accuracy\",\"timestamp\":\"2026-11-26T16:59:00Z\",\"value\":\"NaN\"}", "points[1].value")]
    [InlineData("{\"metric\":\"model.accuracy\",\"timestamp\":\"2026-10-01T00:00:00Z\",\"value\":0.9}", "points[1].timestamp")]
    [InlineData("{\"metric\":\"model.accuracy\",\"timestamp\":\"2026-11-26T17:06:00Z\",\"value\":0.9}", "points[1].timestamp")]
    [InlineData("{\"metric\":\"model.accuracy\",\"timestamp\":\"yesterday\",\"value\":0.9}", "points[1].timestamp")]
    public async Task One_bad_point_rejects_the_whole_batch_naming_it_by_index(string badPoint, string field)
    {
        var json = "{\"model\":\"churn-model\",\"environment\":\"production\",\"points\":[" +
            "{\"metric\":\"model.accuracy\",\"timestamp\":\"2026-11-26T16:58:00Z\",\"value\":0.91}," + badPoint + "]}";

        using var response = await metrics.PostRawAsync("/api/v1/metrics", json);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors(field));
        Assert.Equal(0, await app.QueryAsync(db => db.MetricPoints.CountAsync()));
    }

    [Fact]
    public async Task Unknown_model_or_environment_and_oversized_batches_are_refused()
    {
        using var unknown = await metrics.PostJsonAsync("/api/v1/metrics", new { model = "nope", environment = "qa", points = Points(0, 1, "model.auc") });
        var problem = await unknown.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("'nope'", problem.FieldErrors("model")[0], StringComparison.Ordinal);
        Assert.Contains("production", problem.FieldErrors("environment")[0], StringComparison.Ordinal);

        using var tooMany = await metrics.PostJsonAsync("/api/v1/metrics", Batch([.. Enumerable.Repeat(new { metric = "model.auc", timestamp = "2026-11-26T16:00:00Z", value = 1.0 }, 10_001)]));
        Assert.True(tooMany.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Bodies_over_the_limit_get_413_and_other_content_types_415()
    {
        using var large = await metrics.PostRawAsync("/api/v1/metrics", "{\"model\":\"churn-model\",\"pad\":\"" + new string('x', 70_000) + "\"}");
        await large.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        using var form = new StringContent("model=churn-model", Encoding.UTF8, "application/x-www-form-urlencoded");
        using var wrongType = await metrics.PostAsync(new Uri("/api/v1/metrics", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
    }

    [Fact]
    public async Task Credentials_and_scope_are_checked()
    {
        using var anonymous = app.CreateClientAs(null);
        using var noKey = await anonymous.PostJsonAsync("/api/v1/metrics", Batch(Points(0, 1, "model.auc")));
        await noKey.ProblemAsync(HttpStatusCode.Unauthorized);

        using var registryOnly = app.CreateClientWithKey((await app.CreateKeyAsync("registry", PortalRoles.RegistryWrite)).Secret);
        using var wrongScope = await registryOnly.PostJsonAsync("/api/v1/metrics", Batch(Points(0, 1, "model.auc")));
        var refusal = await wrongScope.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains(PortalRoles.MetricsWrite, refusal["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_past_its_rate_limit_gets_429_while_others_go_on()
    {
        HttpStatusCode last = HttpStatusCode.OK;
        for (var i = 0; i < 21 && last == HttpStatusCode.OK; i++)
        {
            using var response = await metrics.PostJsonAsync("/api/v1/metrics", Batch(Points(i, 1, "model.auc")));
            last = response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last);
        using var other = app.CreateClientWithKey((await app.CreateKeyAsync("other-exporter", PortalRoles.MetricsWrite)).Secret);
        using var fine = await other.PostJsonAsync("/api/v1/metrics", Batch(Points(50, 1, "model.auc")));
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }

    [Fact]
    public async Task Query_returns_raw_points_when_they_fit_and_downsampled_ones_otherwise()
    {
        using var stored = await metrics.PostJsonAsync("/api/v1/metrics", Batch(Points(0, 600, "latency.p95_ms")));
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        var range = "&from=2026-11-26T00:00:00Z&to=2026-11-26T17:00:00Z";

        var raw = await (await metrics.GetPathAsync("/api/v1/metrics/query?model=churn-model&environment=production&metric=latency.p95_ms&maxPoints=1000" + range)).JsonAsync();
        var thin = await (await metrics.GetPathAsync("/api/v1/metrics/query?model=churn-model&environment=production&metric=latency.p95_ms&maxPoints=50" + range)).JsonAsync();

        Assert.Equal("raw", raw["resolution"]!.GetValue<string>());
        Assert.Equal(600, raw["points"]!.AsArray().Count);
        Assert.Equal(50, thin["points"]!.AsArray().Count);
        Assert.Equal(raw["points"]![0]!["t"]!.GetValue<DateTimeOffset>(), thin["points"]![0]!["t"]!.GetValue<DateTimeOffset>());
    }

    private static object Batch(object[] points, string? idempotencyKey = null) =>
        new { model = "churn-model", environment = "production", idempotencyKey, points };

    /// <summary>One point every 10 s from two hours before "now" (a minute and hour boundary).</summary>
    private static object[] Points(int offset, int count, string metric) =>
        [.. Enumerable.Range(offset, count).Select(i => new
        {
            metric,
            timestamp = Now.AddMinutes(-120).AddSeconds(i * 10).ToString("O", CultureInfo.InvariantCulture),
            value = 0.9 + (i % 7 / 100.0),
        })];
}
