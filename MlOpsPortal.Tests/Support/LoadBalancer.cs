using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MlOpsPortal.Tests.Support;

/// <summary>
/// Debian's HAProxy on a loopback port, running the README's example configuration (<c>docs/haproxy.cfg</c>) in front
/// of two portal instances: as it is, or with TLS terminated as its header says to in production (a certificate on the
/// bind line, the affinity cookie marked secure). Started and stopped by the test.
/// </summary>
public sealed class LoadBalancer : IDisposable
{
    public const string HaproxyPath = "/usr/sbin/haproxy";

    /// <summary>The cookie the configuration's sticky sessions use; its value names the instance (a or b).</summary>
    public const string AffinityCookie = "MLOPS_INSTANCE";

    private static readonly string Configuration = Path.Combine(RepositoryPaths.Root, "docs", "haproxy.cfg");

    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly string? tlsFolder;

    private LoadBalancer(Process process, Uri address, string? tlsFolder)
    {
        this.process = process;
        Address = address;
        this.tlsFolder = tlsFolder;
    }

    public Uri Address { get; }

    /// <summary>
    /// Starts HAProxy before <paramref name="a"/> and <paramref name="b"/> and returns once it passes a request on. With
    /// <paramref name="terminateTls"/> it serves https with a self-signed certificate for 127.0.0.1 (browsers must be
    /// told to accept it) and the instances receive plain http with <c>X-Forwarded-Proto: https</c>.
    /// </summary>
    public static async Task<LoadBalancer> StartAsync(Uri a, Uri b, bool terminateTls = false)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!File.Exists(HaproxyPath))
        {
            throw new InvalidOperationException($"The load-balancer tests need Debian's HAProxy at {HaproxyPath}: apt-get install -y haproxy");
        }

        var port = LoopbackPorts.Free();
        var tlsFolder = terminateTls ? Directory.CreateTempSubdirectory("mlopsportal-haproxy-").FullName : null;
        var start = new ProcessStartInfo(HaproxyPath)
        {
            // -db: stay in the foreground, so the test owns the process.
            ArgumentList = { "-db", "-f", tlsFolder is null ? Configuration : WriteTlsConfiguration(tlsFolder) },
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
        var balancer = new LoadBalancer(process, new Uri($"{(terminateTls ? "https" : "http")}://127.0.0.1:{port}"), tlsFolder);
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
        if (tlsFolder is not null)
        {
            Directory.Delete(tlsFolder, recursive: true);
        }
    }

    /// <summary>
    /// The configuration with the two production changes its header names, made to the file's own lines (a test that
    /// fails here means the file changed and its header should say how to terminate TLS now).
    /// </summary>
    private static string WriteTlsConfiguration(string folder)
    {
        var certificate = Path.Combine(folder, "portal.pem");
        File.WriteAllText(certificate, SelfSignedPem());
        var text = File.ReadAllText(Configuration);
        text = Change(text, "    bind \"${PORTAL_LISTEN}\"\n", $"    bind \"${{PORTAL_LISTEN}}\" ssl crt \"{certificate}\"\n");
        text = Change(text, " httponly attr ", " httponly secure attr ");
        var path = Path.Combine(folder, "haproxy-tls.cfg");
        File.WriteAllText(path, text);
        return path;

        static string Change(string text, string line, string to) =>
            text.Contains(line, StringComparison.Ordinal)
                ? text.Replace(line, to, StringComparison.Ordinal)
                : throw new InvalidOperationException($"docs/haproxy.cfg no longer has '{line.Trim()}'.");
    }

    /// <summary>A certificate for 127.0.0.1 valid for a day, followed by its key, as HAProxy reads a crt file.</summary>
    private static string SelfSignedPem()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem() + "\n";
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
        // Its own certificate is self-signed: this probe asks only whether requests pass.
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
        using var http = new HttpClient(handler) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
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
