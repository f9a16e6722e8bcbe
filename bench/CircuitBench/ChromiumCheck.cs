using System.Buffers;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Playwright;

/// <summary>
/// The check that <see cref="Circuit"/> speaks the protocol as the browser does: headless Chromium opens the same page
/// with the same cookie, and the blazorpack frames it receives are decoded with the same protocol. Both must receive the
/// same JS calls and the same render-batch bytes within 2 % (a relative time in the markup may differ by a few characters),
/// and send the same number of follow messages on the tab's socket to /live (the page's own module opens it in Chromium).
/// </summary>
internal static class ChromiumCheck
{
    public sealed record Seen(int Batches, long Bytes, IReadOnlyList<string> Interop, int LiveFollows);

    /// <summary>
    /// Opens the page in Chromium <paramref name="times"/> times and keeps the opening with the fewest render-batch bytes.
    /// The server holds renders back while a batch is unacknowledged and sends them as one: Circuit acknowledges at once,
    /// Chromium only after applying a batch to its DOM, so some openings split the same renders into more batches, each
    /// with its own diff (the dashboard: 8–13 batches, 74.8–77.7 KB in one evening). The fewest bytes is the coalesced
    /// render Circuit receives.
    /// </summary>
    public static async Task<Seen> OpenFewestBytesAsync(Uri baseAddress, CookieContainer cookies, string path, int times)
    {
        Seen? fewest = null;
        for (var i = 0; i < times; i++)
        {
            var seen = await OpenAsync(baseAddress, cookies, path);
            fewest = fewest is null || seen.Bytes < fewest.Bytes ? seen : fewest;
        }

        return fewest!;
    }

    private static async Task<Seen> OpenAsync(Uri baseAddress, CookieContainer cookies, string path)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Args = ["--no-sandbox"] });
        var context = await browser.NewContextAsync(new() { TimezoneId = "UTC" });
        await context.AddCookiesAsync(cookies.GetAllCookies().Select(c => new Microsoft.Playwright.Cookie
        {
            Name = c.Name, Value = c.Value, Domain = baseAddress.Host, Path = c.Path, HttpOnly = c.HttpOnly, Secure = c.Secure,
        }));
        var page = await context.NewPageAsync();
        var batches = 0;
        var bytes = 0L;
        var interop = new List<string>();
        var liveFollows = 0;
        var lastFrame = Stopwatch.StartNew();
        var protocol = new BlazorPack();
        page.WebSocket += (_, socket) =>
        {
            // The tab's /live socket carries JSON text, not blazorpack: only its follow messages are counted.
            if (new Uri(socket.Url).AbsolutePath == "/live")
            {
                socket.FrameSent += (_, frame) =>
                {
                    lock (interop)
                    {
                        lastFrame.Restart();
                        liveFollows += frame.Text?.Contains("\"follow\"", StringComparison.Ordinal) == true ? 1 : 0;
                    }
                };
                return;
            }

            socket.FrameReceived += (_, frame) => Decode(frame);
        };

        await page.GotoAsync(new Uri(baseAddress, path).ToString());
        await Quiet(() => lastFrame.Elapsed);
        lock (interop)
        {
            return new Seen(batches, bytes, [.. interop], liveFollows);
        }

        // The circuit's frames: render batches and JS calls, in blazorpack.
        void Decode(IWebSocketFrame frame)
        {
            if (frame.Binary is null)
            {
                return;
            }

            lock (interop)
            {
                lastFrame.Restart();
                var input = new ReadOnlySequence<byte>(frame.Binary);
                while (protocol.TryParseMessage(ref input, Binder.Instance, out var message))
                {
                    if (message is InvocationMessage { Target: "JS.RenderBatch" } render)
                    {
                        batches++;
                        bytes += ((byte[])render.Arguments[1]!).Length;
                    }
                    else if (message is InvocationMessage { Target: "JS.BeginInvokeJS" } call)
                    {
                        interop.Add((string)call.Arguments[1]!);
                    }
                }
            }
        }
    }

    /// <summary>Waits until nothing has arrived for two seconds (at most 30).</summary>
    public static async Task Quiet(Func<TimeSpan> sinceLast)
    {
        var watch = Stopwatch.StartNew();
        await Task.Delay(1000);
        while (sinceLast() < TimeSpan.FromSeconds(2) && watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }
    }

    /// <summary>Argument types of the server-to-client calls that matter here; everything else is skipped unread.</summary>
    private sealed class Binder : IInvocationBinder
    {
        public static readonly Binder Instance = new();

        public IReadOnlyList<Type> GetParameterTypes(string methodName) => methodName switch
        {
            "JS.RenderBatch" => [typeof(long), typeof(byte[])],
            "JS.BeginInvokeJS" => [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)],
            _ => throw new InvalidOperationException("not needed"),
        };

        public Type GetReturnType(string invocationId) => typeof(object);

        public Type GetStreamItemType(string streamId) => typeof(object);
    }
}
