using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Monitoring;

/// <summary>An open dashboard hears about an acknowledged point within 2 seconds (DESIGN.md §9), without a reload.</summary>
public sealed class MetricsLiveUpdateTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan LiveWithin = TimeSpan.FromSeconds(2);
    private readonly PortalAppFactory app = new();
    private HttpClient metrics = default!;

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
    public async Task An_acknowledged_point_reaches_a_subscribed_dashboard_within_two_seconds()
    {
        var timestamp = DateTimeOffset.UtcNow.AddMinutes(-1);
        var received = new TaskCompletionSource<CommittedPoint>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = app.Services.GetRequiredService<MetricsFeed>().Subscribe([new LiveSeries("churn-model", "production", MetricNames.LatencyP95)], points =>
        {
            foreach (var point in points)
            {
                received.TrySetResult(point);
            }

            return Task.CompletedTask;
        });

        using var response = await metrics.PostJsonAsync("/api/v1/metrics", new
        {
            model = "churn-model",
            environment = "production",
            points = new[] { new { metric = MetricNames.LatencyP95, timestamp = timestamp.ToString("O", CultureInfo.InvariantCulture), value = 182.5 } },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var point = await received.Task.WaitAsync(LiveWithin);
        Assert.Equal(new CommittedPoint("churn-model", "production", MetricNames.LatencyP95, timestamp.ToUnixTimeMilliseconds(), 182.5), point);
    }

    [Fact]
    public async Task A_retried_batch_is_not_announced_twice()
    {
        var batch = new
        {
            model = "churn-model",
            environment = "production",
            idempotencyKey = "run-7",
            points = new[] { new { metric = MetricNames.ErrorRate, timestamp = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O", CultureInfo.InvariantCulture), value = 0.02 } },
        };
        var announcements = 0;
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var marker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = app.Services.GetRequiredService<MetricsFeed>().Subscribe(
            [new LiveSeries("churn-model", "production", MetricNames.ErrorRate), new LiveSeries("churn-model", "production", MetricNames.Auc)], points =>
        {
            if (points.Any(p => p.Metric == MetricNames.ErrorRate))
            {
                Interlocked.Increment(ref announcements);
                first.TrySetResult();
            }

            if (points.Any(p => p.Metric == MetricNames.Auc))
            {
                marker.TrySetResult();
            }

            return Task.CompletedTask;
        });

        (await metrics.PostJsonAsync("/api/v1/metrics", batch)).Dispose();
        await first.Task.WaitAsync(LiveWithin);
        (await metrics.PostJsonAsync("/api/v1/metrics", batch)).Dispose();
        // The writer announces in commit order; a later batch heard is the bounded stand-in for "the retry was not".
        (await metrics.PostJsonAsync("/api/v1/metrics", new
        {
            model = "churn-model",
            environment = "production",
            points = new[] { new { metric = MetricNames.Auc, timestamp = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O", CultureInfo.InvariantCulture), value = 0.8 } },
        })).Dispose();
        await marker.Task.WaitAsync(LiveWithin);

        Assert.Equal(1, Volatile.Read(ref announcements));
    }
}
