using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

/// <summary>
/// One request of each page alone (no concurrency): its milliseconds, the SQL commands it sent and their summed time,
/// read from EF Core's DiagnosticListener (no change to the portal). Background work (the simulator) lands in the
/// counts too, a command or two a second; the slowest commands are printed, so it can be told apart.
/// </summary>
internal sealed class Profile : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly IDisposable subscription;
    private readonly List<IDisposable> listeners = [];
    private readonly ConcurrentBag<(double Ms, string Sql)> commands = [];
    private int compilations;

    public Profile() => subscription = DiagnosticListener.AllListeners.Subscribe(this);

    public async Task MeasureAsync(HttpClient client, string name, string path, int repeats)
    {
        for (var i = 0; i < repeats; i++)
        {
            commands.Clear();
            Interlocked.Exchange(ref compilations, 0);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            var ms = watch.Elapsed.TotalMilliseconds;
            // The whole process's allocations (the client's reading included): what the collector must sweep after the page.
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            var seen = commands.ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-26} {(int)response.StatusCode} {ms,8:0.0} ms total, {seen.Count,4} SQL commands, {seen.Sum(c => c.Ms),8:0.0} ms in SQL, {compilations,3} queries compiled, {body.Length / 1024,5} KB, {allocated / 1024,6} KB allocated"));
            if (i == repeats - 1)
            {
                foreach (var group in seen.GroupBy(c => c.Sql).OrderByDescending(g => g.Sum(c => c.Ms)).Take(12))
                {
                    var sql = group.Key.ReplaceLineEndings(" ");
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {group.Count(),4}× {group.Sum(c => c.Ms),8:0.0} ms  {sql[..Math.Min(sql.Length, 160)]}"));
                }
            }
        }
    }

    /// <summary>One batch-of-1 ingestion request alone, <paramref name="repeats"/> times: its SQL commands (the writer's included).</summary>
    public async Task MeasureIngestionAsync(HttpClient http, int repeats)
    {
        var start = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeMilliseconds() / 1_000 * 1_000;
        for (var i = 0; i < repeats; i++)
        {
            commands.Clear();
            using var content = new StringContent(string.Create(CultureInfo.InvariantCulture,
                $"{{\"model\":\"{BenchPortal.DashboardModel}\",\"environment\":\"production\",\"points\":[{{\"metric\":\"bench.profile\",\"timestamp\":\"{DateTimeOffset.FromUnixTimeMilliseconds(start + (i * 1_000L)):yyyy-MM-ddTHH:mm:ssZ}\",\"value\":0.9}}]}}"),
                System.Text.Encoding.UTF8, "application/json");
            var watch = Stopwatch.StartNew();
            using var response = await http.PostAsync(new Uri("/api/v1/metrics", UriKind.Relative), content);
            var ms = watch.Elapsed.TotalMilliseconds;
            var seen = commands.ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"POST /api/v1/metrics",-26} {(int)response.StatusCode} {ms,8:0.0} ms total, {seen.Count,4} SQL commands, {seen.Sum(c => c.Ms),8:0.0} ms in SQL"));
            if (i == repeats - 1)
            {
                foreach (var command in seen)
                {
                    var sql = command.Sql.ReplaceLineEndings(" ");
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {command.Ms,8:0.0} ms  {sql[..Math.Min(sql.Length, 160)]}"));
                }
            }
        }
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            listeners.Add(value.Subscribe(this));
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData data)
        {
            commands.Add((data.Duration.TotalMilliseconds, data.Command.CommandText));
        }
        else if (value.Key == CoreEventId.QueryCompilationStarting.Name)
        {
            Interlocked.Increment(ref compilations);
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        subscription.Dispose();
        foreach (var listener in listeners)
        {
            listener.Dispose();
        }
    }
}
