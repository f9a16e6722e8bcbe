using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Incidents;

/// <summary>
/// Debian's real Prometheus Alertmanager as a child process on a loopback port, alone (no cluster), with a
/// configuration written to its own temporary folder. Missing binary: the test fails and says how to install it.
/// </summary>
public sealed class AlertmanagerProcess : IAsyncDisposable
{
    public const string BinaryPath = "/usr/bin/prometheus-alertmanager";

    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly string folder;

    private AlertmanagerProcess(Process process, string folder, Uri baseAddress)
    {
        this.process = process;
        this.folder = folder;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Output => string.Join(Environment.NewLine, output);

    /// <summary>Writes <paramref name="files"/> (alertmanager.yml and whatever it names) to a new folder, starts Alertmanager on them and waits until it is ready.</summary>
    public static async Task<AlertmanagerProcess> StartAsync(IReadOnlyDictionary<string, string> files, TimeSpan readyWithin)
    {
        if (!File.Exists(BinaryPath))
        {
            throw new InvalidOperationException(
                $"The Alertmanager test needs Debian's Prometheus Alertmanager at {BinaryPath}: apt-get install -y prometheus-alertmanager (.ci/run installs it).");
        }

        var folder = Directory.CreateTempSubdirectory("mlopsportal-alertmanager-").FullName;
        foreach (var (name, text) in files)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, name), text.Replace("{folder}", folder, StringComparison.Ordinal));
        }

        var port = LoopbackPorts.Free();
        var start = new ProcessStartInfo(BinaryPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            $"--config.file={Path.Combine(folder, "alertmanager.yml")}", $"--storage.path={Path.Combine(folder, "data")}",
            $"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=", "--log.level=debug",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var alertmanager = new AlertmanagerProcess(Process.Start(start)!, folder, new Uri($"http://127.0.0.1:{port}"));
        alertmanager.process.OutputDataReceived += (_, e) => alertmanager.Collect(e.Data);
        alertmanager.process.ErrorDataReceived += (_, e) => alertmanager.Collect(e.Data);
        alertmanager.process.BeginOutputReadLine();
        alertmanager.process.BeginErrorReadLine();
        await alertmanager.WaitReadyAsync(readyWithin);
        return alertmanager;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private async Task WaitReadyAsync(TimeSpan within)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Alertmanager exited with {process.ExitCode} before it was ready:{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/-/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Alertmanager was not ready within {within}:{Environment.NewLine}{Output}");
            }

            await Task.Delay(100);
        }
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }
}
