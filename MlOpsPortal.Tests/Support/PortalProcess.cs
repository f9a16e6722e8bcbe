using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace MlOpsPortal.Tests.Support;

/// <summary>
/// The built portal as a separate operating-system process on a real Kestrel port, so a test can kill it the way a
/// crash or an out-of-memory kill does (SIGKILL: no shutdown hooks, no flushing) and start it again on the same file.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    /// <summary>Ports this team reserves for processes started by tests and benchmarks.</summary>
    private const int FirstPort = 5300;
    private const int PortCount = 100;

    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PortalProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The development key of the root appsettings.Development.json, accepted only in Development.</summary>
    public static string DevelopmentApiKey { get; } = ReadDevelopmentKey();

    public bool HasExited => process.HasExited;

    /// <summary>What <c>dotnet run</c> turns on in Development: demo data, the metrics simulator and the job server.</summary>
    public static IReadOnlyDictionary<string, string> AsDotnetRun { get; } = new Dictionary<string, string>
    {
        ["DemoData:Enabled"] = "true",
        ["Monitoring:Simulator:Enabled"] = "true",
        ["Jobs:ServerEnabled"] = "true",
    };

    /// <summary>Starts the portal on <paramref name="databasePath"/> and returns once /health/ready answers 200.</summary>
    public static Task<PortalProcess> StartAsync(string databasePath, TimeSpan readyWithin, IReadOnlyDictionary<string, string>? settings = null) =>
        StartAsync(databasePath, readyWithin, settings, "/health/ready");

    /// <summary>Returns as soon as /health/live answers 200: the moment a load balancer's liveness probe would send traffic.</summary>
    public static Task<PortalProcess> StartLiveAsync(string databasePath, TimeSpan liveWithin, IReadOnlyDictionary<string, string>? settings = null) =>
        StartAsync(databasePath, liveWithin, settings, "/health/live");

    private static async Task<PortalProcess> StartAsync(string databasePath, TimeSpan readyWithin, IReadOnlyDictionary<string, string>? settings, string probe)
    {
        var folder = AppContext.BaseDirectory;
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(folder, "MlOpsPortal.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment["ConnectionStrings__Portal"] = $"Data Source={databasePath}";
        start.Environment["Audit__AnchorPath"] = databasePath + ".audit-anchor"; // one anchor file per database
        start.Environment["DemoData__Enabled"] = "false";
        start.Environment["Jobs__ServerEnabled"] = "false";
        start.Environment["Monitoring__Simulator__Enabled"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var portal = new PortalProcess(new Process { StartInfo = start, EnableRaisingEvents = true }, baseAddress);
        portal.process.OutputDataReceived += (_, e) => portal.Record(e.Data);
        portal.process.ErrorDataReceived += (_, e) => portal.Record(e.Data);
        portal.process.Exited += (_, _) => portal.listening.TrySetException(new InvalidOperationException("The portal exited before listening."));
        portal.process.Start();
        portal.process.BeginOutputReadLine();
        portal.process.BeginErrorReadLine();
        try
        {
            await portal.WaitUntilAnswersAsync(probe, readyWithin);
        }
        catch
        {
            await portal.DisposeAsync();
            throw;
        }

        return portal;
    }

    public HttpClient CreateClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add(ApiTestClient.ApiKeyHeader, DevelopmentApiKey);
        return client;
    }

    /// <summary>SIGKILL on Linux: the process gets no chance to finish a transaction, flush, or answer.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: false);
        }

        await process.WaitForExitAsync();
    }

    public string Output => string.Join(Environment.NewLine, output);

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        if (line.Contains("Now listening on:", StringComparison.Ordinal))
        {
            listening.TrySetResult();
        }
    }

    /// <summary>
    /// Awaits the host's "Now listening" line instead of sleeping; migrations run before the host listens, so
    /// readiness then answers at once, and the bounded re-check only covers a slow first request.
    /// </summary>
    private async Task WaitUntilAnswersAsync(string probe, TimeSpan within)
    {
        var deadline = DateTimeOffset.UtcNow + within;
        try
        {
            await listening.Task.WaitAsync(within);
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            throw new InvalidOperationException($"The portal did not start listening within {within.TotalSeconds:0} s. Its output:{Environment.NewLine}{Output}", ex);
        }

        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = within };
        HttpStatusCode? last = null;
        while (DateTimeOffset.UtcNow < deadline)
        {
            using var response = await client.GetAsync(new Uri(probe, UriKind.Relative));
            last = response.StatusCode;
            if (last == HttpStatusCode.OK)
            {
                return;
            }
        }

        throw new InvalidOperationException($"{probe} still answered {last} after {within.TotalSeconds:0} s. Portal output:{Environment.NewLine}{Output}");
    }

    /// <summary>A port in this team's range that nothing listens on now; the caller binds it moments later.</summary>
    private static int FreePort()
    {
        var offset = Random.Shared.Next(PortCount);
        for (var i = 0; i < PortCount; i++)
        {
            var port = FirstPort + ((offset + i) % PortCount);
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                probe.Stop();
                return port;
            }
            catch (SocketException)
            {
                // Taken by someone else's portal: try the next.
            }
        }

        throw new InvalidOperationException($"No free port between {FirstPort} and {FirstPort + PortCount - 1}.");
    }

    private static string ReadDevelopmentKey()
    {
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "appsettings.Development.json")))!;
        return settings["ApiKeys"]?["DevelopmentKey"]?.GetValue<string>()
            ?? throw new InvalidOperationException("ApiKeys:DevelopmentKey is missing from the root appsettings.Development.json.");
    }
}
