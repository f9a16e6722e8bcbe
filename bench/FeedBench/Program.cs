// The live feed across instances (DESIGN §12): two portals on one SQLite file; points are ingested one per request
// through A; a subscriber on B records when each arrives. Reports the p95 from acknowledgement to arrival against the
// baseline it is bounded by, the poll interval (Monitoring:FeedPollIntervalMilliseconds), as a ratio; and, for
// reference, the same for a subscriber on A itself (its writer publishes at commit, no poll).
// Run: dotnet run -c Release --project bench/FeedBench [points] [intervalMs]
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Monitoring;

var points = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
var intervalMs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
// Not a divisor of the interval, so arrivals fall at every phase of the poll.
const int SpacingMs = 37;
const string ModelKey = "feed-bench";
const string Metric = "bench.feed";

var path = Path.Combine(Path.GetTempPath(), $"feed-bench-{Guid.NewGuid():N}.db");
try
{
    using var a = new FeedPortal(path, intervalMs);
    using var http = a.CreateClient();
    http.DefaultRequestHeaders.Add("X-Api-Key", a.Services.GetRequiredService<IConfiguration>()["ApiKeys:DevelopmentKey"]);
    using (var created = await http.PostAsJsonAsync(new Uri("/api/v1/models", UriKind.Relative), new
    {
        key = ModelKey, displayName = "Feed bench", description = "", owner = "Bench", businessUnit = "Bench", useCase = "", riskTier = "Low", tags = Array.Empty<string>(),
    }))
    {
        if (created.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Creating the model answered {created.StatusCode}");
        }
    }

    using var b = new FeedPortal(path, intervalMs);
    var series = new LiveSeries(ModelKey, "production", Metric);
    var arrivedOnB = new ConcurrentDictionary<long, long>();
    var arrivedOnA = new ConcurrentDictionary<long, long>();
    using var onB = b.Services.GetRequiredService<MetricsFeed>().Subscribe([series], Record(arrivedOnB));
    using var onA = a.Services.GetRequiredService<MetricsFeed>().Subscribe([series], Record(arrivedOnA));
    await onB.Ready;
    await onA.Ready;

    var acknowledged = new Dictionary<long, long>();
    var start = DateTimeOffset.UtcNow.AddMinutes(-30).ToUnixTimeMilliseconds();
    for (var i = 0; i < points; i++)
    {
        var t = start + i;
        using var response = await http.PostAsJsonAsync(new Uri("/api/v1/metrics", UriKind.Relative), new
        {
            model = ModelKey,
            environment = "production",
            points = new[] { new { metric = Metric, timestamp = DateTimeOffset.FromUnixTimeMilliseconds(t).ToString("O", CultureInfo.InvariantCulture), value = (double)i } },
        });
        acknowledged[t] = Stopwatch.GetTimestamp();
        response.EnsureSuccessStatusCode();
        await Task.Delay(SpacingMs);
    }

    var deadline = Stopwatch.StartNew();
    while ((arrivedOnB.Count < points || arrivedOnA.Count < points) && deadline.Elapsed < TimeSpan.FromSeconds(30))
    {
        await Task.Delay(50);
    }

    Console.WriteLine($"Feed across instances: {points} points, one per request through A, every {SpacingMs} ms; poll interval {intervalMs} ms");
    Console.WriteLine($"{"subscriber",-26} {"received",9} {"p50 ms",8} {"p95 ms",8} {"max ms",8} {"p95 ÷ interval",15}");
    Report("on B (other instance, poll)", arrivedOnB);
    Report("on A (same instance)", arrivedOnA);

    void Report(string name, ConcurrentDictionary<long, long> arrived)
    {
        var latencies = acknowledged.Where(p => arrived.ContainsKey(p.Key))
            .Select(p => Stopwatch.GetElapsedTime(p.Value, arrived[p.Key]).TotalMilliseconds).Order().ToList();
        if (latencies.Count == 0)
        {
            Console.WriteLine($"{name,-26} {0,9}");
            return;
        }

        double At(double q) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-26} {latencies.Count,9} {At(0.5),8:0.0} {At(0.95),8:0.0} {latencies[^1],8:0.0} {At(0.95) / intervalMs,15:0.00}"));
    }
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    foreach (var file in new[] { path, path + "-wal", path + "-shm" })
    {
        File.Delete(file);
    }
}

static Func<IReadOnlyList<CommittedPoint>, Task> Record(ConcurrentDictionary<long, long> arrived) => received =>
{
    var now = Stopwatch.GetTimestamp();
    foreach (var point in received)
    {
        arrived.TryAdd(point.TimestampMs, now);
    }

    return Task.CompletedTask;
};

internal sealed class FeedPortal(string path, int intervalMs) : WebApplicationFactory<MetricsWriter>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Portal", $"Data Source={path}");
        builder.UseSetting("Audit:AnchorPath", path + ".audit-anchor");
        builder.UseSetting("DemoData:Enabled", "false");
        builder.UseSetting("Jobs:ServerEnabled", "false");
        builder.UseSetting("Monitoring:Simulator:Enabled", "false");
        builder.UseSetting("Monitoring:FeedPollIntervalMilliseconds", intervalMs.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }
}
