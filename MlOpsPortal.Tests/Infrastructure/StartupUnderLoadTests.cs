using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using MlOpsPortal.Tests.Support;
using Xunit.Abstractions;

namespace MlOpsPortal.Tests.Infrastructure;

/// <summary>
/// A pipeline starts writing as soon as the liveness probe says the portal is up, which on a fresh database is while
/// demo data, the 24-hour metrics backfill and the start-up jobs still write. None of that may make it wait or fail.
/// Runs alone, after the parallel tests: the 2 s bound is the portal's, not shared with the rest of the suite on 2 cores.
/// </summary>
[Collection(StartupUnderLoadRunsAlone.Name)]
public sealed class StartupUnderLoadTests(ITestOutputHelper output) : IDisposable
{
    private const string DemoModel = "churn-model";
    private static readonly TimeSpan LiveWithin = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan WriteFor = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan WriteEvery = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan SlowestAllowed = TimeSpan.FromSeconds(2);

    private readonly string databasePath = Path.Combine(Path.GetTempPath(), $"mlopsportal-startup-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Writes_from_the_moment_the_portal_is_live_never_fail_or_wait()
    {
        await using var portal = await PortalProcess.StartLiveAsync(databasePath, LiveWithin, PortalProcess.AsDotnetRun);
        using var http = portal.CreateClient();
        // Longer than the bound, so a slow write is measured as slow instead of being cut off as a failure.
        http.Timeout = TimeSpan.FromSeconds(40);

        var results = new ConcurrentBag<(string Write, TimeSpan Took, string? Failure)>();
        var writes = new List<Task>();
        var clock = Stopwatch.StartNew();
        using (var timer = new PeriodicTimer(WriteEvery))
        {
            // A fixed cadence, each write on its own: one that hangs must not hold back the ones after it.
            for (var n = 0; clock.Elapsed < WriteFor && await timer.WaitForNextTickAsync(); n++)
            {
                var number = n;
                writes.Add(Task.Run(async () => results.Add(await WriteAsync(http, number))));
            }
        }

        await Task.WhenAll(writes);

        var slowest = results.MaxBy(r => r.Took);
        foreach (var kind in results.GroupBy(r => r.Write))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{kind.Key}: {kind.Count()} writes, max {kind.Max(r => r.Took.TotalMilliseconds):0} ms, failed {kind.Count(r => r.Failure is not null)}"));
        }

        Assert.False(portal.HasExited, $"The portal stopped under start-up load. Its output:{Environment.NewLine}{portal.Output}");
        Assert.True(results.Count >= 300, $"Only {results.Count} writes were made.");
        var failures = results.Where(r => r.Failure is not null).Select(r => $"{r.Write} after {r.Took.TotalMilliseconds:0} ms: {r.Failure}").ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} of {results.Count} writes failed:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(10))}");
        Assert.True(slowest.Took < SlowestAllowed, $"The slowest write ({slowest.Write}) took {slowest.Took.TotalMilliseconds:0} ms.");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { databasePath, databasePath + "-wal", databasePath + "-shm" })
        {
            File.Delete(file);
        }
    }

    /// <summary>Metric points, a model registration and a quality sample upload, in turn: the writes pipelines make.</summary>
    private static async Task<(string, TimeSpan, string?)> WriteAsync(HttpClient http, int number)
    {
        var (name, path, body, expected) = (number % 3) switch
        {
            0 => ("metrics", "/api/v1/metrics", (object)new
            {
                model = DemoModel,
                environment = "production",
                points = new[] { new { metric = "startup.load_test", timestamp = DateTimeOffset.UtcNow.AddMilliseconds(number), value = number } },
            }, HttpStatusCode.OK),
            1 => ("model", "/api/v1/models", new
            {
                key = $"startup-{number}-{Guid.NewGuid().ToString("N")[..6]}", displayName = "Start-up load", description = "", owner = "Tests",
                businessUnit = "QA", useCase = "", riskTier = "Low", tags = Array.Empty<string>(),
            }, HttpStatusCode.Created),
            _ => ("sample", $"/api/v1/models/{DemoModel}/samples", new
            {
                version = 1,
                role = "current",
                columns = new Dictionary<string, object?[]> { ["age"] = [31, 45, 52, number % 90], ["prediction"] = [0.1, 0.4, 0.8, 0.5] },
            }, HttpStatusCode.Created),
        };
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
            var text = await response.Content.ReadAsStringAsync();
            return (name, watch.Elapsed, response.StatusCode == expected ? null : $"{(int)response.StatusCode} {text}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return (name, watch.Elapsed, ex.Message);
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StartupUnderLoadRunsAlone
{
    public const string Name = "Start-up under load (alone)";
}
