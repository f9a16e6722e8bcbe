using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace MlOpsPortal.Tests.Support;

/// <summary>
/// Debian's HAProxy on a loopback port, running the README's example configuration (<c>docs/haproxy.cfg</c>) as it is,
/// in front of two portal instances. Started and stopped by the test.
/// </summary>
public sealed class LoadBalancer : IDisposable
{
    public const string HaproxyPath = "/usr/sbin/haproxy";

    /// <summary>The cookie the configuration's sticky sessions use; its value names the instance (a or b).</summary>
    public const string AffinityCookie = "MLOPS_INSTANCE";

    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private LoadBalancer(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Starts HAProxy before <paramref name="a"/> and <paramref name="b"/> and returns once it passes a request on.</summary>
    public static async Task<LoadBalancer> StartAsync(Uri a, Uri b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!File.Exists(HaproxyPath))
        {
            throw new InvalidOperationException($"The load-balancer tests need Debian's HAProxy at {HaproxyPath}: apt-get install -y haproxy");
        }

        var port = LoopbackPorts.Free();
        var start = new ProcessStartInfo(HaproxyPath)
        {
            // -db: stay in the foreground, so the test owns the process.
            ArgumentList = { "-db", "-f", Path.Combine(RepositoryPaths.Root, "docs", "haproxy.cfg") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["PORTAL_LISTEN"] = $"127.0.0.1:{port}",
                ["PORTAL_A"] = a.Authority,
                ["PORTAL_B"] = b.Authority,
            },
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("HAProxy did not start.");
        var balancer = new LoadBalancer(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => balancer.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => balancer.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await balancer.WaitUntilPassingAsync(TimeSpan.FromSeconds(20));
        }
        catch
        {
            balancer.Dispose();
            throw;
        }

        return balancer;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }

    private async Task WaitUntilPassingAsync(TimeSpan within)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"HAProxy exited ({process.ExitCode}): {string.Join('\n', output)}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (watch.Elapsed < within)
            {
                // Not listening yet.
            }

            if (watch.Elapsed >= within)
            {
                throw new TimeoutException($"HAProxy passed no request on within {within}: {string.Join('\n', output)}");
            }

            await Task.Delay(100);
        }
    }
}
