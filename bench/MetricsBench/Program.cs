// Metrics ingestion and query at the figures of issue 4, each against a baseline measured in the same run and
// reported as a ratio (machines here are noisy; absolute numbers travel badly):
//   (a) points/s through HTTP (batches of 1,000, 4 clients) ÷ a raw Microsoft.Data.Sqlite insert loop
//   (b) batch-of-1 requests from 64 clients: group commit ÷ one transaction per request, both through HTTP (a second
//       portal whose writer commits one request per transaction), and for reference ÷ sequential store commits
//   (c) a year of per-minute points at maxPoints 1,000: p95, and the ratio against LTTB over the raw rows
// Run: dotnet run -c Release --project bench/MetricsBench [a] [b] [c]   (no argument: all three)
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Infrastructure.Data;

const int IngestRounds = 5;
const int IngestClients = 4;
const int BatchSize = 1_000;
const int BatchesPerClient = 40;
const int GroupRounds = 7;
const int GroupClients = 64;
const int RequestsPerGroupClient = 40;
const int SingleCommits = 300;
const int QueryRuns = 61;
const int BaselineQueryRuns = 11;

var parts = args.Length == 0 ? "abc" : string.Concat(args).ToLowerInvariant();
var total = Stopwatch.StartNew();
await using var portal = await BenchPortal.StartAsync();
using var raw = await RawSqlite.CreateAsync();
var now = DateTimeOffset.UtcNow;

if (parts.Contains('a', StringComparison.Ordinal))
{
    // (a) The portal takes 4 × 40 batches of 1,000 points over HTTP; the raw loop inserts as many in one transaction.
    Console.WriteLine($"(a) ingestion, batches of {BatchSize:N0} from {IngestClients} clients, {IngestClients * BatchesPerClient * BatchSize:N0} points per run");
    Console.WriteLine($"{"run",4} {"HTTP points/s",14} {"raw SQLite points/s",20} {"ratio",7}");
    var ingestRatios = new List<double>();
    // A discarded full-size run first: JIT tiering speeds both sides up over the first hundred thousand points.
    await portal.IngestAsync(BuildBatches(now, "bench.warmup_a", IngestClients, BatchesPerClient, BatchSize), IngestClients);
    raw.Insert("bench.warmup_a", IngestClients * BatchesPerClient * BatchSize);
    for (var round = 0; round < IngestRounds; round++)
    {
        var metric = $"bench.a{round}";
        var bodies = BuildBatches(now, metric, IngestClients, BatchesPerClient, BatchSize);
        var points = IngestClients * BatchesPerClient * BatchSize;
        // Alternating which side goes first, so a burst of load from elsewhere lands on both alike.
        double httpRate, rawRate;
        if (round % 2 == 0)
        {
            httpRate = points / await portal.IngestAsync(bodies, IngestClients);
            rawRate = points / raw.Insert(metric, points);
        }
        else
        {
            rawRate = points / raw.Insert(metric, points);
            httpRate = points / await portal.IngestAsync(bodies, IngestClients);
        }

        ingestRatios.Add(httpRate / rawRate);
        Console.WriteLine(Invariant($"{round + 1,4} {httpRate,14:N0} {rawRate,20:N0} {httpRate / rawRate,7:0.00}"));
}

var ingestRatio = Median(ingestRatios);
Console.WriteLine(Invariant($"(a) HTTP ingestion ÷ raw SQLite insert loop: median ratio {ingestRatio:0.00} (target >= 0.50): {(ingestRatio >= 0.5 ? "met" : "NOT met")}"));
Console.WriteLine();
}

if (parts.Contains('b', StringComparison.Ordinal))
{
    // (b) 64 clients send one point per request through the real writer; the baseline commits one request per transaction.
    Console.WriteLine($"(b) batch-of-1 requests, {GroupClients} clients × {RequestsPerGroupClient} requests; baseline {SingleCommits} one-request transactions on the same store");
    var groupRatios = new List<double>();
    var writerRatios = new List<double>();
    var httpRatios = new List<double>();
    // The fair baseline: the same HTTP path, pragmas and store, with a writer that commits each request on its own.
    await using var oneByOne = await BenchPortal.StartAsync(groupCommitMaxPoints: 1);
    await portal.IngestAsync(BuildBatches(now, "bench.warmup_b", GroupClients, RequestsPerGroupClient, 1), GroupClients);
    await oneByOne.IngestAsync(BuildBatches(now, "bench.warmup_b", GroupClients, RequestsPerGroupClient, 1), GroupClients);
    await portal.CommitOneByOneAsync("bench.warmup_b1", SingleCommits, now);
    await portal.WriteDirectlyAsync("bench.warmup_b2", GroupClients, RequestsPerGroupClient, now);
    Console.WriteLine($"{"run",4} {"group commit req/s",19} {"1 tx/req HTTP req/s",20} {"ratio",7} {"1 tx/req store req/s",21} {"ratio",7} {"writer alone req/s",19} {"ratio",7}");
    for (var round = 0; round < GroupRounds; round++)
    {
        var bodies = BuildBatches(now, $"bench.b{round}", GroupClients, RequestsPerGroupClient, 1);
        var requests = GroupClients * RequestsPerGroupClient;
        double groupRate, singleRate, httpSingleRate;
        if (round % 2 == 0)
        {
            groupRate = requests / await portal.IngestAsync(bodies, GroupClients);
            httpSingleRate = requests / await oneByOne.IngestAsync(bodies, GroupClients);
            singleRate = SingleCommits / await portal.CommitOneByOneAsync($"bench.b{round}_single", SingleCommits, now);
        }
        else
        {
            singleRate = SingleCommits / await portal.CommitOneByOneAsync($"bench.b{round}_single", SingleCommits, now);
            httpSingleRate = requests / await oneByOne.IngestAsync(bodies, GroupClients);
            groupRate = requests / await portal.IngestAsync(bodies, GroupClients);
        }

        // The same requests handed straight to the writer: how much of the gap is HTTP rather than commits.
        var writerRate = requests / await portal.WriteDirectlyAsync($"bench.b{round}_writer", GroupClients, RequestsPerGroupClient, now);
        httpRatios.Add(groupRate / httpSingleRate);
        groupRatios.Add(groupRate / singleRate);
        writerRatios.Add(writerRate / singleRate);
        Console.WriteLine(Invariant($"{round + 1,4} {groupRate,19:N0} {httpSingleRate,20:N0} {groupRate / httpSingleRate,7:0.0} {singleRate,21:N0} {groupRate / singleRate,7:0.0} {writerRate,19:N0} {writerRate / singleRate,7:0.0}"));
    }

    // The floor of the HTTP path on this machine: the same clients asking the cheapest endpoint (no auth, no body).
    var floors = new List<double>();
    for (var round = 0; round < 3; round++)
    {
        floors.Add(GroupClients * RequestsPerGroupClient / await portal.PingAsync(GroupClients, RequestsPerGroupClient));
    }

    Console.WriteLine(Invariant($"(b) HTTP floor, GET /health/live from {GroupClients} clients: median {Median(floors):N0} req/s"));
    var httpRatio = Median(httpRatios);
    Console.WriteLine(Invariant($"(b) group commit ÷ one transaction per request, both through HTTP: median ratio {httpRatio:0.0}x (target >= 20x): {(httpRatio >= 20 ? "met" : "NOT met")}"));
    Console.WriteLine(Invariant($"(b) group commit through HTTP ÷ sequential one-request store commits (no HTTP on that side): median ratio {Median(groupRatios):0.0}x"));
    Console.WriteLine(Invariant($"(b) for reference, the writer alone (no HTTP) ÷ sequential one-request store commits: median ratio {Median(writerRatios):0.0}x"));
    Console.WriteLine();
}

if (parts.Contains('c', StringComparison.Ordinal))
{
    // (c) A year of per-minute points with their rollups, read for a 1,000-point chart.
    var yearEnd = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds() / 60_000 * 60_000);
    var yearStart = yearEnd.AddDays(-365);
    var seeding = Stopwatch.StartNew();
    var seeded = await portal.SeedYearAsync("bench.year", yearStart, yearEnd);
    Console.WriteLine(Invariant($"(c) a year of per-minute points: {seeded:N0} points seeded with their rollups in {seeding.Elapsed.TotalSeconds:0.0} s"));
    var query = new MetricQuery(BenchPortal.ModelKey, "production", "bench.year", yearStart, yearEnd, 1_000);
    var first = await portal.Queries.QueryAsync(query);
    var firstBaseline = await portal.LttbOverRawAsync("bench.year", yearStart, yearEnd, 1_000);
    if (first.Points.Count != 1_000 || firstBaseline.Count != 1_000)
    {
        throw new InvalidOperationException($"Expected 1,000 points from both, got {first.Points.Count} and {firstBaseline.Count}.");
}

var queryMs = new List<double>();
var baselineMs = new List<double>();
var pairRatios = new List<double>();
for (var run = 0; run < QueryRuns; run++)
{
    var watch = Stopwatch.StartNew();
    await portal.Queries.QueryAsync(query);
    var ms = watch.Elapsed.TotalMilliseconds;
    queryMs.Add(ms);
    // The baseline reads half a million rows: fewer runs, each paired with the query run just before it.
    if (run % (QueryRuns / BaselineQueryRuns) == 0 && baselineMs.Count < BaselineQueryRuns)
    {
        watch.Restart();
        await portal.LttbOverRawAsync("bench.year", yearStart, yearEnd, 1_000);
        baselineMs.Add(watch.Elapsed.TotalMilliseconds);
        pairRatios.Add(baselineMs[^1] / ms);
    }
}

var p95 = Percentile(queryMs, 0.95);
var queryRatio = Median(pairRatios);
Console.WriteLine(Invariant($"{"",4} resolution {first.Resolution}, median {Median(queryMs):0.0} ms, p95 {p95:0.0} ms over {QueryRuns} runs; LTTB over raw rows median {Median(baselineMs):0} ms over {baselineMs.Count} runs"));
Console.WriteLine(Invariant($"(c) query p95 {p95:0.0} ms (target <= 50 ms): {(p95 <= 50 ? "met" : "NOT met")}"));
Console.WriteLine(Invariant($"(c) LTTB over raw rows ÷ query: median ratio {queryRatio:0}x (target >= 50x): {(queryRatio >= 50 ? "met" : "NOT met")}"));
}

Console.WriteLine(Invariant($"total {total.Elapsed.TotalSeconds:0} s"));

static List<byte[]> BuildBatches(DateTimeOffset now, string metric, int clients, int batchesPerClient, int batchSize)
{
    // Every point has its own second, so nothing is skipped as an already-stored duplicate.
    var start = now.AddDays(-2).ToUnixTimeMilliseconds() / 1_000 * 1_000;
    var bodies = new List<byte[]>(clients * batchesPerClient);
    for (var b = 0; b < clients * batchesPerClient; b++)
    {
        var json = new StringBuilder(batchSize * 80);
        json.Append(CultureInfo.InvariantCulture, $"{{\"model\":\"{BenchPortal.ModelKey}\",\"environment\":\"production\",\"points\":[");
        for (var i = 0; i < batchSize; i++)
        {
            var t = DateTimeOffset.FromUnixTimeMilliseconds(start + ((((long)b * batchSize) + i) * 1_000));
            json.Append(i == 0 ? "" : ",")
                .Append(CultureInfo.InvariantCulture, $"{{\"metric\":\"{metric}\",\"timestamp\":\"{t:yyyy-MM-ddTHH:mm:ssZ}\",\"value\":{0.9 + (0.05 * Math.Sin(i / 50.0)):0.######}}}");
        }

        bodies.Add(Encoding.UTF8.GetBytes(json.Append("]}").ToString()));
    }

    return bodies;
}

static double Median(IEnumerable<double> values) => Percentile(values, 0.5);

static double Percentile(IEnumerable<double> values, double share)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(share * sorted.Count) - 1)];
}

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

/// <summary>
/// The real portal on Kestrel (Development, so the development API key is accepted) over a temporary SQLite file.
/// Any portal type locates its entry point; the portal's own Program would clash with this file's.
/// </summary>
internal sealed class BenchPortal : WebApplicationFactory<MetricsWriter>
{
    public const string ModelKey = "bench-model";
    private const int FirstPort = 5300;
    private const int PortCount = 100;

    private readonly string path = Path.Combine(Path.GetTempPath(), $"metrics-bench-portal-{Guid.NewGuid():N}.db");
    private HttpClient http = default!;
    private int modelId;
    private int? groupCommitMaxPoints;

    public ChartQueries Queries => Services.GetRequiredService<ChartQueries>();

    /// <summary><paramref name="groupCommitMaxPoints"/> 1 makes the writer commit every one-point request on its own.</summary>
    public static async Task<BenchPortal> StartAsync(int? groupCommitMaxPoints = null)
    {
        var portal = new BenchPortal { groupCommitMaxPoints = groupCommitMaxPoints };
        portal.UseKestrel(FreePort());
        portal.StartServer();
        var key = portal.Services.GetRequiredService<IConfiguration>()["ApiKeys:DevelopmentKey"]!;
        portal.http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = portal.ClientOptions.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        portal.http.DefaultRequestHeaders.Add("X-Api-Key", key);
        using var created = await portal.http.PostAsJsonAsync(new Uri("/api/v1/models", UriKind.Relative), new
        {
            key = ModelKey, displayName = "Bench", description = "", owner = "Bench", businessUnit = "Bench", useCase = "", riskTier = "Low", tags = Array.Empty<string>(),
        });
        if (created.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Creating the model answered {created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        }

        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        portal.modelId = await db.Models.Where(m => m.Key == ModelKey).Select(m => m.Id).SingleAsync();
        return portal;
    }

    /// <summary>Sends the bodies from <paramref name="clients"/> concurrent clients, each its share in order; returns seconds.</summary>
    public async Task<double> IngestAsync(List<byte[]> bodies, int clients)
    {
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            for (var i = c; i < bodies.Count; i += clients)
            {
                using var content = new ByteArrayContent(bodies[i]);
                content.Headers.ContentType = new("application/json");
                using var response = await http.PostAsync(new Uri("/api/v1/metrics", UriKind.Relative), content);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"Ingestion answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        })));
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>GET /health/live from <paramref name="clients"/> concurrent clients; returns seconds.</summary>
    public async Task<double> PingAsync(int clients, int requestsPerClient)
    {
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            for (var i = 0; i < requestsPerClient; i++)
            {
                using var response = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
                response.EnsureSuccessStatusCode();
            }
        })));
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>The same store, one request per transaction: what a writer without group commit would do. Returns seconds.</summary>
    public async Task<double> CommitOneByOneAsync(string metric, int requests, DateTimeOffset now)
    {
        var store = Services.GetRequiredService<IMetricsStore>();
        var start = now.AddDays(-3).ToUnixTimeMilliseconds() / 1_000 * 1_000;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < requests; i++)
        {
            PendingBatch batch = new("bench", null, modelId, ModelKey, 3, "production", [new PendingPoint(metric, start + (i * 1_000L), 0.5)]);
            await store.WriteGroupAsync([batch], CancellationToken.None);
        }

        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>Concurrent one-point writes through the real writer without HTTP; returns seconds.</summary>
    public async Task<double> WriteDirectlyAsync(string metric, int clients, int requestsPerClient, DateTimeOffset now)
    {
        var writer = Services.GetRequiredService<MetricsWriter>();
        var start = now.AddDays(-4).ToUnixTimeMilliseconds() / 1_000 * 1_000;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            for (var i = 0; i < requestsPerClient; i++)
            {
                PendingBatch batch = new("bench", null, modelId, ModelKey, 3, "production", [new PendingPoint(metric, start + (((i * clients) + c) * 1_000L), 0.5)]);
                await writer.WriteAsync(batch, CancellationToken.None);
            }
        })));
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>Through the store in groups of a day, so points and rollups match exactly as ingestion makes them.</summary>
    public async Task<int> SeedYearAsync(string metric, DateTimeOffset from, DateTimeOffset to)
    {
        var store = Services.GetRequiredService<IMetricsStore>();
        var seeded = 0;
        for (var day = from; day < to; day = day.AddDays(1))
        {
            var startMs = day.ToUnixTimeMilliseconds();
            var points = Enumerable.Range(0, 1_440)
                .Select(m => startMs + (m * 60_000L))
                .Where(t => t < to.ToUnixTimeMilliseconds())
                .Select(t => new PendingPoint(metric, t, 0.85 + (0.05 * Math.Sin(t / 86_400_000.0 * 2 * Math.PI)) + (0.01 * Math.Sin(t / 7_000_000.0))))
                .ToList();
            var outcome = await store.WriteGroupAsync([new PendingBatch("bench", null, modelId, ModelKey, 3, "production", points)], CancellationToken.None);
            seeded += outcome[0].Accepted;
        }

        return seeded;
    }

    /// <summary>
    /// What a query without rollups would do: read every raw row of the range, then LTTB them. Read the way the
    /// query reads rows (one connection, a plain data reader), so the ratio measures rollups, not EF.
    /// </summary>
    public async Task<IReadOnlyList<TimePoint>> LttbOverRawAsync(string metric, DateTimeOffset from, DateTimeOffset to, int maxPoints)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var seriesId = await db.MetricSeries.Where(s => s.ModelId == modelId && s.EnvironmentId == 3 && s.MetricName == metric).Select(s => s.Id).SingleAsync();
        var (fromMs, toMs) = (from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds());
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT TimestampMs, Value FROM MetricPoints WHERE SeriesId = $s AND TimestampMs >= $from AND TimestampMs <= $to ORDER BY TimestampMs";
        command.Parameters.Add(new SqliteParameter("$s", seriesId));
        command.Parameters.Add(new SqliteParameter("$from", fromMs));
        command.Parameters.Add(new SqliteParameter("$to", toMs));
        var rows = new List<TimePoint>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new TimePoint(reader.GetInt64(0), reader.GetDouble(1)));
        }

        return Lttb.Downsample(rows, maxPoints);
    }

    public override async ValueTask DisposeAsync()
    {
        http?.Dispose();
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Portal", $"Data Source={path}");
        builder.UseSetting("DemoData:Enabled", "false");
        builder.UseSetting("Jobs:ServerEnabled", "false");
        builder.UseSetting("Monitoring:Simulator:Enabled", "false");
        // All clients share the development key; the per-client limit protects a real deployment, not this run.
        builder.UseSetting("Monitoring:Ingestion:RequestsPerMinutePerClient", "1000000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        if (groupCommitMaxPoints is { } max)
        {
            builder.UseSetting("Monitoring:Ingestion:GroupCommitMaxPoints", max.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static int FreePort()
    {
        for (var i = 0; i < PortCount; i++)
        {
            var port = FirstPort + ((Environment.ProcessId + i) % PortCount);
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                probe.Stop();
                return port;
            }
            catch (SocketException)
            {
                // Someone else's process: try the next.
            }
        }

        throw new InvalidOperationException($"No free port between {FirstPort} and {FirstPort + PortCount - 1}.");
    }
}

/// <summary>
/// The floor: a separate file migrated by the portal's own migrations (same MetricPoints table and indexes), one
/// transaction, one reused prepared command, the portal's pragmas (WAL, synchronous=FULL).
/// </summary>
internal sealed class RawSqlite : IDisposable
{
    private readonly string path;
    private readonly SqliteConnection connection;

    private RawSqlite(string path, SqliteConnection connection)
    {
        this.path = path;
        this.connection = connection;
    }

    public static async Task<RawSqlite> CreateAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"metrics-bench-raw-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite($"Data Source={path}", PortalData.ConfigureSqlite).Options;
        await using (var db = new SqlitePortalDbContext(options))
        {
            await db.Database.MigrateAsync();
        }

        var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText = SqlitePragmaInterceptor.Pragmas;
        pragmas.ExecuteNonQuery();
        return new RawSqlite(path, connection);
    }

    /// <summary>Inserts <paramref name="count"/> points into a new series of <paramref name="metric"/>; returns seconds.</summary>
    public double Insert(string metric, int count)
    {
        long seriesId;
        using (var series = connection.CreateCommand())
        {
            series.CommandText = "INSERT INTO MetricSeries (ModelId, EnvironmentId, MetricName) VALUES (NULL, 3, $n) RETURNING Id";
            series.Parameters.AddWithValue("$n", metric);
            seriesId = (long)series.ExecuteScalar()!;
        }

        var start = DateTimeOffset.UtcNow.AddDays(-2).ToUnixTimeMilliseconds() / 1_000 * 1_000;
        var watch = Stopwatch.StartNew();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO MetricPoints (SeriesId, TimestampMs, Value) VALUES ($s, $t, $v)";
        insert.Parameters.Add(new SqliteParameter("$s", seriesId));
        var t = insert.Parameters.Add(new SqliteParameter("$t", 0L));
        var v = insert.Parameters.Add(new SqliteParameter("$v", 0d));
        insert.Prepare();
        for (var i = 0; i < count; i++)
        {
            t.Value = start + (i * 1_000L);
            v.Value = 0.9 + (0.05 * Math.Sin(i / 50.0));
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
        return watch.Elapsed.TotalSeconds;
    }

    public void Dispose()
    {
        connection.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
