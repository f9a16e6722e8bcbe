using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Monitoring;

/// <summary>
/// Two instances on one database (DESIGN §12): a point ingested through A reaches dashboards open on B (their live
/// socket) within 2 s, and
/// stopping A mid-ingestion loses no acknowledged point. Run on a shared SQLite file here and on PostgreSQL in
/// ScaleOut (<c>PostgreSqlCrossInstanceFeedTests</c>).
/// </summary>
public abstract class CrossInstanceFeedTests(bool onPostgreSql) : IAsyncLifetime, IDisposable
{
    private const string ModelKey = "churn-model";
    private const string Production = "production";
    private static readonly TimeSpan LiveWithin = TimeSpan.FromSeconds(2);
    private readonly TwoPortals portals = new(onPostgreSql: onPostgreSql, bOnKestrel: true);
    private HttpClient exporterOnA = default!;

    public async Task InitializeAsync()
    {
        await portals.A.Services.GetRequiredService<ModelsService>().CreateModelAsync(Personas.Contributor.Principal,
            new ModelInput(ModelKey, "Churn", "", "Dana", "Retail", "", RiskTier.Medium, []));
        exporterOnA = portals.A.CreateClientWithKey((await portals.A.CreateKeyAsync("exporter", PortalRoles.MetricsWrite)).Secret);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        exporterOnA.Dispose();
        portals.Dispose();
        GC.SuppressFinalize(this);
    }

    private static object Batch(string metric, params (DateTimeOffset At, double Value)[] points) => new
    {
        model = ModelKey,
        environment = Production,
        points = points.Select(p => new { metric, timestamp = p.At.ToString("O", CultureInfo.InvariantCulture), value = p.Value }),
    };

    [Fact]
    public async Task A_point_ingested_through_one_instance_reaches_a_subscriber_on_the_other_within_two_seconds_once()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        var deliveries = new ConcurrentQueue<CommittedPoint>();
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = portals.B.Services.GetRequiredService<MetricsFeed>().Subscribe([new LiveSeries(ModelKey, Production, MetricNames.LatencyP95)], points =>
        {
            foreach (var point in points)
            {
                deliveries.Enqueue(point);
            }

            received.TrySetResult();
            return Task.CompletedTask;
        });
        await subscription.Ready.WaitAsync(LiveWithin);

        using (var response = await exporterOnA.PostJsonAsync("/api/v1/metrics", Batch(MetricNames.LatencyP95, (at, 182.5))))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await received.Task.WaitAsync(LiveWithin);
        // A second point after it: once that is heard, the first has had every chance to be heard twice.
        var marker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var markerSubscription = portals.B.Services.GetRequiredService<MetricsFeed>().Subscribe([new LiveSeries(ModelKey, Production, MetricNames.Auc)], _ =>
        {
            marker.TrySetResult();
            return Task.CompletedTask;
        });
        await markerSubscription.Ready;
        (await exporterOnA.PostJsonAsync("/api/v1/metrics", Batch(MetricNames.Auc, (at, 0.9)))).Dispose();
        await marker.Task.WaitAsync(LiveWithin);

        Assert.Equal([new CommittedPoint(ModelKey, Production, MetricNames.LatencyP95, at.ToUnixTimeMilliseconds(), 182.5)], deliveries);
    }

    [Fact]
    public async Task A_point_written_on_an_instance_is_announced_there_once_not_again_by_its_own_poller()
    {
        var deliveries = new ConcurrentQueue<CommittedPoint>();
        var feedOnA = portals.A.Services.GetRequiredService<MetricsFeed>();
        using var subscription = feedOnA.Subscribe([new LiveSeries(ModelKey, Production, MetricNames.ErrorRate)], points =>
        {
            foreach (var point in points)
            {
                deliveries.Enqueue(point);
            }

            return Task.CompletedTask;
        });
        await subscription.Ready.WaitAsync(LiveWithin);
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        (await exporterOnA.PostJsonAsync("/api/v1/metrics", Batch(MetricNames.ErrorRate, (at, 0.01)))).Dispose();

        // B's exporter writes a marker: A's poller reads past A's own point to reach it, and must skip the own one.
        var exporterOnB = portals.B.CreateClientWithKey((await portals.B.CreateKeyAsync("exporter-b", PortalRoles.MetricsWrite)).Secret);
        using (exporterOnB)
        {
            var marker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var markerSubscription = feedOnA.Subscribe([new LiveSeries(ModelKey, Production, MetricNames.Auc)], _ =>
            {
                marker.TrySetResult();
                return Task.CompletedTask;
            });
            (await exporterOnB.PostJsonAsync("/api/v1/metrics", Batch(MetricNames.Auc, (at, 0.9)))).Dispose();
            await marker.Task.WaitAsync(LiveWithin);
        }

        Assert.Single(deliveries);
    }

    [Fact]
    public async Task A_live_chart_on_the_other_instance_gets_the_point_on_its_socket_within_two_seconds()
    {
        // A chart drawn in a circuit on B holds its series and hands it to the browser's live socket to B.
        var series = new LiveSeries(ModelKey, Production, MetricNames.Predictions);
        var handoff = portals.B.Services.GetRequiredService<LiveHandoffs>().Hold(Personas.Business.Principal.UserId()!, [series], _ => Task.CompletedTask);
        await handoff.Ready;
        await using var socket = await LiveSocketClient.ConnectAsync(portals.B, Personas.Business);
        await socket.FollowAsync(handoff.Token);

        var at = DateTimeOffset.UtcNow.AddSeconds(-5);
        using (var response = await exporterOnA.PostJsonAsync("/api/v1/metrics", Batch(MetricNames.Predictions, (at, 42))))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var message = await socket.NextAsync(LiveWithin);
        Assert.Equal(series.Key, message.GetProperty("key").GetString());
        var point = Assert.Single(message.GetProperty("points").EnumerateArray().ToList());
        Assert.Equal(at.ToUnixTimeMilliseconds(), point[0].GetInt64());
        Assert.Equal(42, point[1].GetDouble());

        handoff.Dispose();
        Assert.Equal(0, portals.B.Services.GetRequiredService<MetricsFeed>().SeriesSubscriberCount);
    }

    [Fact]
    public async Task Stopping_an_instance_mid_ingestion_loses_no_acknowledged_point()
    {
        const int Workers = 16;
        const int PointsPerBatch = 20;
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);
        var acknowledged = new ConcurrentBag<long[]>();
        var enoughAcknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopped = 0;

        async Task WorkAsync(int worker)
        {
            // Each request its own timestamps: a point in the database belongs to exactly one request.
            for (var request = 0; request < 1000 && Volatile.Read(ref stopped) == 0; request++)
            {
                var first = ((worker * 1000) + request) * PointsPerBatch;
                var points = Enumerable.Range(first, PointsPerBatch).Select(i => (start.AddMilliseconds(i), (double)i)).ToArray();
                try
                {
                    using var response = await exporterOnA.PostJsonAsync("/api/v1/metrics", Batch(MetricNames.Predictions, points));
                    if (!response.IsSuccessStatusCode)
                    {
                        return;
                    }
                }
#pragma warning disable CA1031 // the instance going away fails requests in many ways; an unanswered request is not acknowledged
                catch (Exception)
#pragma warning restore CA1031
                {
                    return;
                }

                acknowledged.Add([.. points.Select(p => p.Item1.ToUnixTimeMilliseconds())]);
                if (acknowledged.Count >= 50)
                {
                    enoughAcknowledged.TrySetResult();
                }
            }
        }

        var workers = Enumerable.Range(0, Workers).Select(w => Task.Run(() => WorkAsync(w))).ToArray();
        await enoughAcknowledged.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // Requests are in flight as the host shuts down, as when a server is taken out of the pool.
        await Task.Run(portals.StopA);
        Volatile.Write(ref stopped, 1);
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(30));

        await using var db = await portals.B.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var stored = (await db.MetricPoints
            .Join(db.MetricSeries.Where(s => s.MetricName == MetricNames.Predictions), p => p.SeriesId, s => s.Id, (p, s) => p.TimestampMs)
            .ToListAsync()).ToHashSet();
        var expected = acknowledged.SelectMany(a => a).ToList();
        Assert.True(expected.Count >= 50 * PointsPerBatch);
        var lost = expected.Where(t => !stored.Contains(t)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {expected.Count} acknowledged points are missing");
    }
}

/// <summary>On the provider of the build: a shared SQLite file in MlOpsPortal.Tests.</summary>
public sealed class SqliteCrossInstanceFeedTests() : CrossInstanceFeedTests(onPostgreSql: false);
