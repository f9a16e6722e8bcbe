// Blazor Server circuits at scale (issue 16 items 1 and 2), without a browser: Circuit speaks the Blazor Server protocol
// to the portal running in its own process, so the server's heap holds only server objects. Each circuit is a tab: its
// live charts' follow calls open the tab's one WebSocket to /live, which carries their points (LiveSocketClient).
//   check    headless Chromium opens each page three times (the opening with the fewest render-batch bytes is kept)
//            and Circuit once; render batches, their bytes, the JS calls and the follow messages sent on /live must match
//   memory   per idle circuit (100 circuits, each with its /live socket open once its page has a live chart): managed
//            heap after a full GC (dotnet-gcdump) and working set, on the layout's emptiest page (/not-found, the
//            baseline), the models list and a model dashboard; each ÷ baseline. The grouped heap reports are written
//            to bench/CircuitBench/heap-<page>.txt
//   latency  N idle dashboard circuits, a point ingested every 5 s through POST /api/v1/metrics: p95 from the point's
//            acknowledgement (HTTP 200) to the first /live message with points reaching each client, at N = 100, 250,
//            500, 1,000 and upwards until p95 > 200 ms for two steps in a row, the portal passes the memory cap, or
//            N = max (--from N starts the ramp there, to go on past an earlier run); the render batches per point and
//            client meanwhile (live points no longer render: ~0), the client's and the portal's share of the CPU and
//            the machine's load average
// Run: dotnet tool restore (in bench/CircuitBench), then
//      dotnet run -c Release --project bench/CircuitBench [check] [memory] [latency] [--from N] [--max N] [--set Key=Value ...]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

const string Persona = "dev-approver";
const string DashboardModel = "fraud-detector";
const int MemoryCircuits = 100;
const int Rounds = 6;
const double P95Limit = 200;
var roundEvery = TimeSpan.FromSeconds(5);
var paths = new (string Name, string Path)[]
{
    ("baseline /not-found", "/not-found"),
    ("models list", "/models"),
    ("model dashboard", $"/models/{DashboardModel}/monitoring?env=production"),
};

var words = args.ToList();
var max = Option("--max") is { } m ? int.Parse(m, CultureInfo.InvariantCulture) : 5000;
var from = Option("--from") is { } f ? int.Parse(f, CultureInfo.InvariantCulture) : 0;
var memoryCapBytes = (Option("--memory-cap-mb") is { } cap ? long.Parse(cap, CultureInfo.InvariantCulture) : 12_000) * 1024 * 1024;
var settings = new Dictionary<string, string>();
for (var i = 0; i < words.Count - 1; i++)
{
    if (words[i] == "--set")
    {
        var (key, value) = (words[i + 1][..words[i + 1].IndexOf('=', StringComparison.Ordinal)], words[i + 1][(words[i + 1].IndexOf('=', StringComparison.Ordinal) + 1)..]);
        settings[key] = value;
    }
}

var parts = words.Where(w => w is "check" or "memory" or "latency").ToHashSet();
if (parts.Count == 0)
{
    parts = ["check", "memory", "latency"];
}

var total = Stopwatch.StartNew();
await using var portal = await PortalProcess.StartAsync(settings);
var (http, cookies) = await portal.SignInAsync(Persona);
Console.WriteLine(Invariant($"portal pid {portal.Process.Id} on {portal.BaseAddress} (separate process, demo data, simulator off){(settings.Count > 0 ? " with " + string.Join(", ", settings.Select(s => s.Key + "=" + s.Value)) : "")}; signed in as {Persona}; ready in {total.Elapsed.TotalSeconds:0} s"));
using var api = portal.ApiClient();
var dashboard = paths[2].Path;

// The demo data has no raw points in the last 24 hours (the simulator is off), and an empty live chart is neither drawn
// nor followed over /live: its first point comes through the circuit. One prediction-volume point before any circuit
// opens draws that chart on every dashboard, so each dashboard tab follows it (check, memory) and every timed point
// travels over /live (latency).
var sequence = 0;
await IngestAsync(sequence++);
await portal.WaitForQuietAsync();
Console.WriteLine(Invariant($"one {DashboardModel} predictions.count point ingested in production so the dashboard's prediction-volume chart is drawn and follows /live"));

if (parts.Contains("check"))
{
    Console.WriteLine("check: one circuit per page, headless Chromium vs Circuit (render batches, batch bytes, JS calls, follows sent on /live)");
    Console.WriteLine($"{"page",-22} {"chromium",18} {"circuit",18} {"JS calls",14} {"follows",10} {"same",5}");
    foreach (var (name, path) in paths)
    {
        var browser = await ChromiumCheck.OpenFewestBytesAsync(portal.BaseAddress, cookies, path, times: 3);
        await using var circuit = await Circuit.StartAsync(portal.BaseAddress, cookies, await PrerenderedPage.GetAsync(http, path), record: true, CancellationToken.None);
        var last = Stopwatch.StartNew();
        var seen = 0;
        await ChromiumCheck.Quiet(() =>
        {
            var now = Volatile.Read(ref circuit.Batches) + Volatile.Read(ref circuit.InteropCalls) + circuit.Live.FollowsSent;
            if (now != seen)
            {
                seen = now;
                last.Restart();
            }

            return last.Elapsed;
        });
        // The server coalesces renders while a batch is unacknowledged, so the batch count moves with timing (and the
        // bytes with it, each split batch carrying its own diff: hence Chromium's fewest of three); the JS calls (the
        // server's path through the components) must not move. Each follow call must reach /live as one follow
        // message, from the page's module in Chromium and from Circuit.
        var same = browser.Interop.Order().SequenceEqual(circuit.InteropIdentifiers.Order())
            && Math.Abs(browser.Bytes - circuit.BatchBytes) <= 0.02 * browser.Bytes
            && browser.LiveFollows == circuit.Live.FollowsSent && circuit.Live.Error is null;
        Console.WriteLine(Invariant($"{name,-22} {browser.Batches,4} batches {browser.Bytes,7:N0} B {circuit.Batches,4} batches {circuit.BatchBytes,7:N0} B {browser.Interop.Count,5} vs {circuit.InteropIdentifiers.Count,-5} {browser.LiveFollows,3} vs {circuit.Live.FollowsSent,-3} {(same ? "yes" : "NO")}"));
        if (!same)
        {
            Console.WriteLine("  chromium JS calls: " + string.Join(", ", browser.Interop));
            Console.WriteLine("  circuit JS calls:  " + string.Join(", ", circuit.InteropIdentifiers));
            Console.WriteLine("  circuit's /live:   " + (circuit.Live.Error ?? "no error"));
        }

        await circuit.CloseAsync(http);
    }

    Console.WriteLine();
}

if (parts.Contains("memory"))
{
    Console.WriteLine(Invariant($"memory: {MemoryCircuits} idle circuits per page, each with its /live socket if the page follows live series; managed heap after a full GC (dotnet-gcdump) and working set of the portal process, before and after"));
    Console.WriteLine($"{"page",-22} {"heap KB/circuit",16} {"÷ baseline",11} {"working set KB/circuit",23} {"÷ baseline",11} {"/live open",11}");
    double? baseHeap = null, baseWorkingSet = null;
    foreach (var (name, path) in paths)
    {
        await portal.WaitForQuietAsync();
        var (heapBefore, typesBefore) = await HeapDump.CollectAsync(portal.Process.Id);
        var workingSetBefore = portal.WorkingSet();
        var circuits = await OpenAsync(path, MemoryCircuits);
        await portal.WaitForQuietAsync();
        var slug = path.Trim('/').Split('/', '?')[0] is "models" && path.Contains("monitoring", StringComparison.Ordinal) ? "dashboard" : path.Trim('/').Split('/', '?')[0];
        var (heapAfter, typesAfter) = await HeapDump.CollectAsync(portal.Process.Id);
        await HeapDump.WriteGroupedAsync(Path.Combine(HeapDump.BenchDirectory(), $"heap-{slug}.txt"), $"{name} ({path})", MemoryCircuits, heapAfter - heapBefore, typesBefore, typesAfter);
        var workingSetAfter = portal.WorkingSet();
        var heap = (heapAfter - heapBefore) / 1024.0 / MemoryCircuits;
        var workingSet = (workingSetAfter - workingSetBefore) / 1024.0 / MemoryCircuits;
        baseHeap ??= heap;
        baseWorkingSet ??= workingSet;
        Console.WriteLine(Invariant($"{name,-22} {heap,16:N0} {heap / baseHeap,10:0.0}x {workingSet,23:N0} {workingSet / baseWorkingSet,10:0.0}x {circuits.Count(c => c.Live.IsOpen),11}"));
        await CloseAsync(circuits);
    }

    Console.WriteLine(Invariant($"(grouped heap reports with {MemoryCircuits} circuits open: bench/CircuitBench/heap-*.txt)"));
    Console.WriteLine();
}

if (parts.Contains("latency"))
{
    Console.WriteLine(Invariant($"latency: dashboard circuits, one point per {roundEvery.TotalSeconds:0} s via POST /api/v1/metrics, {Rounds} points per N; p95 from HTTP 200 to the first /live message with points at each client"));
    Console.WriteLine("  missed: a client and round without a live message (should be 0); batches/pt and live/pt: render batches and");
    Console.WriteLine("  live messages with points per point and client (batches should be ~0: live points no longer render in the circuit);");
    Console.WriteLine("  lost: {\"lost\"} answers; WS err: sockets refused or closed by the server");
    Console.WriteLine($"{"N",6} {"p50 ms",8} {"p95 ms",8} {"max ms",8} {"missed",7} {"batches/pt",11} {"live/pt",8} {"lost",5} {"WS err",7} {"portal WS MB",13} {"client CPU",11} {"portal CPU",11} {"load avg",9}");
    var open = new List<Circuit>();
    var steps = LatencySteps.Where(n => n >= from && n <= max).ToList();
    int? passedAt = null;
    var overLimit = 0;
    foreach (var n in steps)
    {
        open.AddRange(await OpenAsync(dashboard, n - open.Count));
        await portal.WaitForQuietAsync();
        var latencies = new List<double>();
        var missed = 0;
        var before = LiveCounts.Of(open);
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var serverCpu = portal.CpuTime();
        var wall = Stopwatch.StartNew();
        for (var round = 0; round < Rounds; round++)
        {
            var next = Stopwatch.GetTimestamp() + (long)(roundEvery.TotalSeconds * Stopwatch.Frequency);
            foreach (var circuit in open)
            {
                circuit.Arm();
            }

            var acknowledged = await IngestAsync(sequence++);
            var deadline = Stopwatch.StartNew();
            while (open.Any(c => c.FirstLiveSinceArmed == 0) && deadline.Elapsed < TimeSpan.FromSeconds(4.5))
            {
                await Task.Delay(10);
            }

            foreach (var circuit in open)
            {
                var arrived = circuit.FirstLiveSinceArmed;
                if (arrived == 0)
                {
                    missed++;
                }
                else
                {
                    latencies.Add(Math.Max(0, Stopwatch.GetElapsedTime(acknowledged, arrived).TotalMilliseconds));
                }
            }

            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
        }

        var seconds = wall.Elapsed.TotalSeconds * Environment.ProcessorCount;
        var clientShare = (Process.GetCurrentProcess().TotalProcessorTime - clientCpu).TotalSeconds / seconds;
        var serverShare = (portal.CpuTime() - serverCpu).TotalSeconds / seconds;
        var during = LiveCounts.Of(open) - before;
        var perPoint = (double)Rounds * open.Count;
        // A client that never saw the point counts as slower than every client that did.
        latencies.AddRange(Enumerable.Repeat(double.PositiveInfinity, missed));
        var p95 = Percentile(latencies, 0.95);
        Console.WriteLine(Invariant($"{n,6} {Percentile(latencies, 0.5),8:0.0} {p95,8:0.0} {latencies.Max(),8:0.0} {missed,7} {during.Batches / perPoint,11:0.00} {during.PointMessages / perPoint,8:0.00} {during.Lost,5} {open.Count(c => c.Live.Error is not null),7} {portal.WorkingSet() / 1024.0 / 1024,13:N0} {clientShare,10:P0} {serverShare,10:P0} {LoadAverage(),9}"));
        // Where p95 passes the limit for good: the first step of the last run of steps over it, so one noisy round at a
        // small N (a GC pause, a neighbour on the VM) is not reported as the machine's limit.
        passedAt = p95 > P95Limit ? passedAt ?? n : null;
        overLimit = p95 > P95Limit ? overLimit + 1 : 0;
        // N = 1,000 is always measured (the issue asks for it); beyond it, two steps past the limit in a row end the
        // ramp (one can be a noisy round).
        if (overLimit >= 2 && n >= 1000)
        {
            break;
        }

        if (portal.WorkingSet() > memoryCapBytes)
        {
            Console.WriteLine(Invariant($"stopped: the portal's working set passed {memoryCapBytes / 1024 / 1024:N0} MB"));
            break;
        }
    }

    Console.WriteLine(passedAt is { } at
        ? Invariant($"p95 passed {P95Limit:0} ms at N = {at:N0} (target: >= 5,000 circuits with p95 < 200 ms)")
        : Invariant($"p95 under {P95Limit:0} ms at the last step, N = {open.Count:N0} (target: >= 5,000 circuits with p95 < 200 ms): {(open.Count >= 5000 ? "met" : "NOT met")}"));
    Console.WriteLine(Invariant($"({Environment.ProcessorCount} cores; client and portal on the same machine; CPU shares are of all cores over the timed rounds)"));
    await CloseAsync(open);
    Console.WriteLine();
}

Console.WriteLine(Invariant($"total {total.Elapsed.TotalSeconds:0} s"));
return;

// Opens n circuits on path, 16 at a time; one prerendered GET serves up to 50 circuits (its markers stay valid for
// minutes and carry no per-circuit data), so opening thousands measures the circuits rather than the prerender.
async Task<List<Circuit>> OpenAsync(string path, int count)
{
    var circuits = new Circuit[count];
    PrerenderedPage? page = null;
    var pageUses = 0;
    var gate = new SemaphoreSlim(1);
    await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, cancellationToken) =>
    {
        PrerenderedPage current;
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (page is null || pageUses++ >= 50)
            {
                page = await PrerenderedPage.GetAsync(http, path);
                pageUses = 1;
            }

            current = page;
        }
        finally
        {
            gate.Release();
        }

        circuits[i] = await Circuit.StartAsync(portal.BaseAddress, cookies, current, record: false, cancellationToken);
    });

    // Settled: each has stopped receiving render batches and JS calls for a moment.
    var seen = -1L;
    var since = Stopwatch.StartNew();
    await ChromiumCheck.Quiet(() =>
    {
        var now = circuits.Sum(c => (long)Volatile.Read(ref c.Batches) + Volatile.Read(ref c.InteropCalls));
        if (now != seen)
        {
            (seen, _) = (now, since.Elapsed);
            since.Restart();
        }

        return since.Elapsed;
    });
    await WaitForLiveAsync(circuits);
    return [.. circuits];
}

// Settled on the /live side too: every follow call's token sent over an open socket (the server accepted the upgrade),
// so an idle circuit holds its socket and its follows on the server before anything is measured.
async Task WaitForLiveAsync(Circuit[] circuits)
{
    var watch = Stopwatch.StartNew();
    while (!circuits.All(c => c.Live.Settled) && watch.Elapsed < TimeSpan.FromMinutes(1))
    {
        await Task.Delay(50);
    }

    var unsettled = circuits.Count(c => !c.Live.Settled);
    var failed = circuits.Where(c => c.Live.Error is not null).ToList();
    if (unsettled > 0 || failed.Count > 0)
    {
        Console.WriteLine(Invariant($"  /live: {unsettled} of {circuits.Length} circuits had not sent every follow after a minute, {failed.Count} sockets failed{(failed.Count > 0 ? " (first: " + failed[0].Live.Error + ")" : "")}"));
    }
}

async Task CloseAsync(List<Circuit> circuits)
{
    await Parallel.ForEachAsync(circuits, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (circuit, _) =>
    {
        await circuit.CloseAsync(http);
        await circuit.DisposeAsync();
    });
}

async Task<long> IngestAsync(int n)
{
    var at = DateTimeOffset.UtcNow.AddSeconds(-n % 30);
    using var content = new StringContent(string.Create(CultureInfo.InvariantCulture,
        $"{{\"model\":\"{DashboardModel}\",\"environment\":\"production\",\"points\":[{{\"metric\":\"predictions.count\",\"timestamp\":\"{at:yyyy-MM-ddTHH:mm:ss.fffZ}\",\"value\":{1000 + n}}}]}}"), Encoding.UTF8, "application/json");
    using var response = await api.PostAsync(new Uri("/api/v1/metrics", UriKind.Relative), content);
    var acknowledged = Stopwatch.GetTimestamp();
    return response.StatusCode == HttpStatusCode.OK
        ? acknowledged
        : throw new InvalidOperationException($"Ingestion answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
}

string? Option(string name) => words.IndexOf(name) is var i and >= 0 && i + 1 < words.Count ? words[i + 1] : null;

// Other work on the machine starves both processes; the 1-minute load average says how much there was (2 = both cores busy).
static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

static double Percentile(List<double> values, double share)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(share * sorted.Count) - 1)];
}

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

/// <summary>What the clients received in total, to tell the counts during the timed rounds apart from the settling.</summary>
internal readonly record struct LiveCounts(long Batches, long PointMessages, long Lost)
{
    public static LiveCounts Of(IEnumerable<Circuit> circuits) => circuits.Aggregate(default(LiveCounts), (sum, c) =>
        new(sum.Batches + Volatile.Read(ref c.Batches), sum.PointMessages + Volatile.Read(ref c.Live.PointMessages), sum.Lost + Volatile.Read(ref c.Live.Lost)));

    public static LiveCounts operator -(LiveCounts after, LiveCounts before) =>
        new(after.Batches - before.Batches, after.PointMessages - before.PointMessages, after.Lost - before.Lost);
}

internal static partial class Program
{
    private static readonly int[] LatencySteps = [100, 250, 500, 1000, 2000, 3000, 4000, 5000, 7500, 10000];
}
