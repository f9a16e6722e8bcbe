using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

/// <summary>
/// The portal as it runs in production, in its own process (`dotnet MlOpsPortal.dll`, Kestrel on loopback) over a fresh
/// SQLite file with the development demo data, so the server's heap and working set hold no client objects. The
/// simulator and the job server are off: the only live points are the ones this bench ingests.
/// </summary>
internal sealed partial class PortalProcess : IAsyncDisposable
{
    /// <summary>The development API key (appsettings.Development.json): every scope, accepted only in Development.</summary>
    public const string DevelopmentKey = "mlp_dev_local-only-not-a-secret-0000000000";

    private readonly string database = Path.Combine(Path.GetTempPath(), $"circuit-bench-{Guid.NewGuid():N}.db");
    private readonly Queue<string> lastLines = new();

    private PortalProcess(Uri baseAddress) => BaseAddress = baseAddress;

    public Uri BaseAddress { get; }

    public Process Process { get; private set; } = default!;

    public static async Task<PortalProcess> StartAsync(IDictionary<string, string> settings)
    {
        var root = RepositoryRoot();
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var dll = Path.Combine(root, "MlOpsPortal", "bin", configuration, "net10.0", "MlOpsPortal.dll");
        var portal = new PortalProcess(new Uri($"http://127.0.0.1:{FreePort()}/"));
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            // The content root, as `dotnet run` uses; static web assets come from the build's manifest (Development).
            WorkingDirectory = Path.Combine(root, "MlOpsPortal"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = portal.BaseAddress.ToString().TrimEnd('/'),
            ["ConnectionStrings__Portal"] = $"Data Source={portal.database}",
            ["Audit__AnchorPath"] = portal.database + ".audit-anchor",
            ["DemoData__Enabled"] = "true",
            ["Jobs__ServerEnabled"] = "false",
            ["Monitoring__Simulator__Enabled"] = "false",
            // One key for every request; the per-client limit protects a real deployment, not this run.
            ["Monitoring__Ingestion__RequestsPerMinutePerClient"] = "1000000",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        portal.Process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        portal.Process.OutputDataReceived += (_, e) => portal.Remember(e.Data);
        portal.Process.ErrorDataReceived += (_, e) => portal.Remember(e.Data);
        portal.Process.BeginOutputReadLine();
        portal.Process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = portal.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (portal.Process.HasExited || watch.Elapsed > TimeSpan.FromMinutes(3))
            {
                throw new InvalidOperationException("The portal did not start:\n" + string.Join('\n', portal.lastLines));
            }

            try
            {
                using var live = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
                if (live.IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        // The demo history is written in the background after start; wait until the portal has nothing left to do.
        await portal.WaitForQuietAsync();
        return portal;
    }

    /// <summary>Waits until the portal used under 5 % of one core over a second (at most a minute).</summary>
    public async Task WaitForQuietAsync()
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromMinutes(1))
        {
            var before = CpuTime();
            await Task.Delay(1000);
            if ((CpuTime() - before).TotalMilliseconds < 50)
            {
                return;
            }
        }
    }

    public TimeSpan CpuTime()
    {
        Process.Refresh();
        return Process.TotalProcessorTime;
    }

    public long WorkingSet()
    {
        Process.Refresh();
        return Process.WorkingSet64;
    }

    /// <summary>A client with its own cookies, signed in as <paramref name="persona"/> through the development sign-in form.</summary>
    public async Task<(HttpClient Http, CookieContainer Cookies)> SignInAsync(string persona)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = cookies, MaxConnectionsPerServer = 64 })
        {
            BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2),
        };
        await DevSignIn.SignInAsync(http, persona);
        return (http, cookies);
    }

    /// <summary>A connection pool carrying the development key, for the metrics API.</summary>
    public HttpClient ApiClient()
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 16 }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Add("X-Api-Key", DevelopmentKey);
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync();
        }

        Process.Dispose();
        foreach (var file in new[] { database, database + "-wal", database + "-shm", database + ".audit-anchor" })
        {
            File.Delete(file);
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (lastLines)
        {
            lastLines.Enqueue(line);
            if (lastLines.Count > 40)
            {
                lastLines.Dequeue();
            }
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MlOpsPortal.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Run the bench from the repository (MlOpsPortal.sln not found above " + AppContext.BaseDirectory + ").");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
