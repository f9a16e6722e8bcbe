using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Tests.Support;
using Xunit.Abstractions;

namespace MlOpsPortal.Tests.Features.Monitoring;

/// <summary>
/// An exporter relies on one promise: a 200 means the points are on disk. The portal is killed with SIGKILL while
/// four exporters push, started again on the same file, and every acknowledged point must be there exactly once.
/// </summary>
public sealed class IngestionDurabilityTests(ITestOutputHelper output) : IDisposable
{
    private const string ModelKey = "durability-model";
    private const int Clients = 4;
    private const int PointsPerBatch = 200;
    private const int AcknowledgedBeforeKill = 60;
    // Keeps every timestamp inside the accepted window even if a client runs unusually far ahead.
    private const int MaxBatchesPerClient = 250;

    // Generous: a cold process start on a loaded 2-core runner (the whole suite beside it) has taken over 20 s.
    private static readonly TimeSpan StartWithin = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan IngestWithin = TimeSpan.FromSeconds(20);

    private readonly string databasePath = Path.Combine(Path.GetTempPath(), $"mlopsportal-durability-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Every_acknowledged_point_survives_a_kill_during_ingestion_exactly_once()
    {
        var firstTimestampMs = DateTimeOffset.UtcNow.AddHours(-20).ToUnixTimeMilliseconds() / 60_000 * 60_000;
        var acknowledged = new ConcurrentBag<SentBatch>();
        var unacknowledged = new ConcurrentBag<SentBatch>();
        var refusals = new ConcurrentBag<string>();

        await using (var first = await PortalProcess.StartAsync(databasePath, StartWithin))
        {
            using (var registry = first.CreateClient())
            {
                using var created = await registry.PostAsJsonAsync(new Uri("/api/v1/models", UriKind.Relative), new
                {
                    key = ModelKey, displayName = "Durability", description = "", owner = "Tests", businessUnit = "QA", useCase = "", riskTier = "Low", tags = Array.Empty<string>(),
                });
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            }

            var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var count = 0;
            var exporters = Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
            {
                using var http = first.CreateClient();
                for (var number = 0; number < MaxBatchesPerClient; number++)
                {
                    var batch = SentBatch.Create(client, number, firstTimestampMs);
                    HttpResponseMessage response;
                    try
                    {
                        response = await http.PostAsJsonAsync(new Uri("/api/v1/metrics", UriKind.Relative), batch.Body());
                    }
                    catch (HttpRequestException)
                    {
                        // The portal died with this request on the wire or before it was sent: no acknowledgement.
                        unacknowledged.Add(batch);
                        return;
                    }

                    using (response)
                    {
                        if (response.StatusCode != HttpStatusCode.OK)
                        {
                            refusals.Add($"batch {batch.Name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                            unacknowledged.Add(batch);
                            enough.TrySetResult();
                            return;
                        }

                        // The body is part of the acknowledgement: a connection cut before it arrived is no 200.
                        var answer = await response.Content.ReadFromJsonAsync<JsonObject>();
                        Assert.Equal(PointsPerBatch, answer!["accepted"]!.GetValue<int>());
                    }

                    acknowledged.Add(batch);
                    if (Interlocked.Increment(ref count) >= AcknowledgedBeforeKill)
                    {
                        enough.TrySetResult();
                    }
                }
            })).ToArray();

            await enough.Task.WaitAsync(IngestWithin);
            await first.KillAsync();
            await Task.WhenAll(exporters).WaitAsync(IngestWithin);
        }

        Assert.Empty(refusals);
        Assert.True(acknowledged.Count >= AcknowledgedBeforeKill);
        Assert.Equal(Clients, unacknowledged.Count);

        // A retry with the same idempotency key either finds the batch committed before the kill or writes it whole.
        var committedBeforeKill = new List<SentBatch>();
        await using (var second = await PortalProcess.StartAsync(databasePath, StartWithin))
        {
            using var http = second.CreateClient();
            foreach (var batch in unacknowledged.Where(b => b.IdempotencyKey is not null))
            {
                using var response = await http.PostAsJsonAsync(new Uri("/api/v1/metrics", UriKind.Relative), batch.Body());
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
                if (answer["duplicate"]?.GetValue<bool>() == true)
                {
                    Assert.Equal(0, answer["accepted"]!.GetValue<int>());
                    committedBeforeKill.Add(batch);
                }
                else
                {
                    Assert.Equal(PointsPerBatch, answer["accepted"]!.GetValue<int>());
                }

                acknowledged.Add(batch);
            }
        }

        var stored = ReadStore();
        output.WriteLine($"{acknowledged.Count} batches acknowledged (with retries); cut off by the kill: {unacknowledged.Count}, " +
            $"of which keyed and already committed: {committedBeforeKill.Count}");
        foreach (var batch in acknowledged)
        {
            var series = stored.Points.GetValueOrDefault(batch.Metric) ?? [];
            var missing = batch.Points.Where(p => !series.TryGetValue(p.TimestampMs, out var value) || value != p.Value).ToList();
            Assert.True(missing.Count == 0, $"Acknowledged batch {batch.Name} lost {missing.Count} of {PointsPerBatch} points.");
        }

        // A request without a key that was cut off may have committed or not, but never in part.
        var survivingUnkeyed = new List<SentBatch>();
        foreach (var batch in unacknowledged.Where(b => b.IdempotencyKey is null))
        {
            var series = stored.Points.GetValueOrDefault(batch.Metric) ?? [];
            var present = batch.Points.Count(p => series.ContainsKey(p.TimestampMs));
            Assert.True(present is 0 or PointsPerBatch, $"Unacknowledged batch {batch.Name} was stored in part: {present} of {PointsPerBatch} points.");
            if (present == PointsPerBatch)
            {
                survivingUnkeyed.Add(batch);
            }
        }

        output.WriteLine($"unkeyed batches cut off but committed: {survivingUnkeyed.Count}");

        foreach (var metric in Enumerable.Range(0, Clients).Select(SentBatch.MetricOf))
        {
            var expected = acknowledged.Concat(survivingUnkeyed).Where(b => b.Metric == metric).Sum(b => b.Points.Count);
            var raw = stored.Points.GetValueOrDefault(metric) ?? [];
            Assert.Equal(expected, raw.Count);
            Assert.Equal(raw.Count, stored.RawRowCounts[metric]);
            foreach (var resolution in Enum.GetValues<RollupResolution>())
            {
                var buckets = stored.Rollups.Where(r => r.Metric == metric && r.Resolution == resolution).ToList();
                Assert.Equal(raw.Count, buckets.Sum(b => b.Count));
                var size = BucketMilliseconds(resolution);
                Assert.All(buckets, b => Assert.Equal(raw.Keys.Count(t => t >= b.StartMs && t < b.StartMs + size), b.Count));
            }
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { databasePath, databasePath + "-wal", databasePath + "-shm" })
        {
            File.Delete(file);
        }
    }

    private static long BucketMilliseconds(RollupResolution resolution) => resolution switch
    {
        RollupResolution.Minute => 60_000L,
        RollupResolution.Hour => 3_600_000L,
        _ => 86_400_000L,
    };

    private StoredMetrics ReadStore()
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var points = new Dictionary<string, Dictionary<long, double>>();
        var rows = new Dictionary<string, long>();
        var rollups = new List<(string, RollupResolution, long, long)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT s.MetricName, p.TimestampMs, p.Value FROM MetricPoints p
                JOIN MetricSeries s ON s.Id = p.SeriesId JOIN Models m ON m.Id = s.ModelId WHERE m.Key = $model
                """;
            command.Parameters.AddWithValue("$model", ModelKey);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var metric = reader.GetString(0);
                if (!points.TryGetValue(metric, out var series))
                {
                    points[metric] = series = [];
                }

                // TryAdd would hide a duplicate row; Add makes one fail the test loudly.
                series.Add(reader.GetInt64(1), reader.GetDouble(2));
                rows[metric] = rows.GetValueOrDefault(metric) + 1;
            }
        }

        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT s.MetricName, r.Resolution, r.BucketStartMs, r.Count FROM MetricRollups r
                JOIN MetricSeries s ON s.Id = r.SeriesId JOIN Models m ON m.Id = s.ModelId WHERE m.Key = $model
                """;
            command.Parameters.AddWithValue("$model", ModelKey);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rollups.Add((reader.GetString(0), (RollupResolution)reader.GetInt32(1), reader.GetInt64(2), reader.GetInt64(3)));
            }
        }

        return new StoredMetrics(points, rows, [.. rollups.Select(r => new StoredRollup(r.Item1, r.Item2, r.Item3, r.Item4))]);
    }

    private sealed record StoredMetrics(Dictionary<string, Dictionary<long, double>> Points, Dictionary<string, long> RawRowCounts, IReadOnlyList<StoredRollup> Rollups);

    private sealed record StoredRollup(string Metric, RollupResolution Resolution, long StartMs, long Count);

    private sealed record SentPoint(long TimestampMs, double Value);

    /// <summary>Each exporter owns one series; every other batch carries an idempotency key, so both retry styles are covered.</summary>
    private sealed record SentBatch(int Client, int Number, string Metric, string? IdempotencyKey, IReadOnlyList<SentPoint> Points)
    {
        public string Name => $"{Client}/{Number}";

        public static string MetricOf(int client) => $"durability.client_{client}";

        public static SentBatch Create(int client, int number, long firstTimestampMs)
        {
            var points = Enumerable.Range(0, PointsPerBatch)
                .Select(i => new SentPoint(firstTimestampMs + (((number * PointsPerBatch) + i) * 1_000L), client + (number / 1_000.0) + (i / 1_000_000.0)))
                .ToList();
            return new SentBatch(client, number, MetricOf(client), number % 2 == 1 ? $"durability-{client}-{number}" : null, points);
        }

        public object Body() => new
        {
            model = ModelKey,
            environment = "production",
            idempotencyKey = IdempotencyKey,
            points = Points.Select(p => new
            {
                metric = Metric,
                timestamp = DateTimeOffset.FromUnixTimeMilliseconds(p.TimestampMs).ToString("O", CultureInfo.InvariantCulture),
                value = p.Value,
            }),
        };
    }
}
