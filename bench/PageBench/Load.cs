using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

/// <summary>Concurrent clients on one path at a time; every answer is checked, so a refused page never times as fast.</summary>
internal static class Load
{
    /// <summary>
    /// Each client GETs <paramref name="path"/> up to <paramref name="requestsPerClient"/> times, one after another (a
    /// client stops starting new requests once <paramref name="cap"/> has passed); returns every request's milliseconds.
    /// </summary>
    public static async Task<List<double>> GetAsync(IReadOnlyList<HttpClient> clients, string path, int requestsPerClient, TimeSpan cap)
    {
        var phase = Stopwatch.StartNew();
        var perClient = await Task.WhenAll(clients.Select(client => Task.Run(async () =>
        {
            var ms = new List<double>(Math.Min(requestsPerClient, 1_000));
            for (var i = 0; i < requestsPerClient && phase.Elapsed < cap; i++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                var body = await response.Content.ReadAsStringAsync();
                ms.Add(watch.Elapsed.TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.OK || (path != "/health/live" && !body.Contains("</html>", StringComparison.OrdinalIgnoreCase)))
                {
                    throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode} ({response.Headers.Location}): {body[..Math.Min(body.Length, 300)]}");
                }
            }

            return ms;
        })));
        return [.. perClient.SelectMany(m => m)];
    }

    /// <summary>GET /health/live from <paramref name="clients"/> concurrent clients on one connection pool; returns seconds.</summary>
    public static async Task<double> PingAsync(HttpClient http, int clients, int requestsPerClient)
    {
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < requestsPerClient; i++)
            {
                using var response = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
                response.EnsureSuccessStatusCode();
            }
        })));
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>One point per request, each at its own second of <paramref name="metric"/>'s series; returns seconds.</summary>
    public static Task<double> IngestAsync(HttpClient http, int clients, int requestsPerClient, string metric) =>
        IngestAsync(http, clients, requestsPerClient, metric, "0.9", HttpStatusCode.OK);

    /// <summary>
    /// As above with <paramref name="value"/> as each point's JSON value: a string value is refused by validation (400),
    /// which times everything but the write: the pipeline, the key, the JSON and the checks.
    /// </summary>
    public static async Task<double> IngestAsync(HttpClient http, int clients, int requestsPerClient, string metric, string value, HttpStatusCode expected)
    {
        var start = DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeMilliseconds() / 1_000 * 1_000;
        var bodies = Enumerable.Range(0, clients * requestsPerClient).Select(n => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{{\"model\":\"{BenchPortal.DashboardModel}\",\"environment\":\"production\",\"points\":[{{\"metric\":\"{metric}\",\"timestamp\":\"{DateTimeOffset.FromUnixTimeMilliseconds(start + (n * 1_000L)):yyyy-MM-ddTHH:mm:ssZ}\",\"value\":{value}}}]}}"))).ToList();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            for (var i = c; i < bodies.Count; i += clients)
            {
                using var content = new ByteArrayContent(bodies[i]);
                content.Headers.ContentType = new("application/json");
                using var response = await http.PostAsync(new Uri("/api/v1/metrics", UriKind.Relative), content);
                if (response.StatusCode != expected)
                {
                    throw new InvalidOperationException($"Ingestion answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        })));
        return watch.Elapsed.TotalSeconds;
    }

    public static double Percentile(IEnumerable<double> values, double share)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(share * sorted.Count) - 1)];
    }
}
