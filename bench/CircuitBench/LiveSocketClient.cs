using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;

/// <summary>
/// A tab's one WebSocket to /live, as the dashboard's chart module keeps it in a browser: opened at the first
/// <c>follow</c> call of any chart on the page, then one <c>{"follow":token}</c> message per call. The server pushes
/// every point committed to a followed series as <c>{"key","now","points"}</c>, or <c>{"lost":token}</c> for a token it
/// does not know. Messages are counted and timed, not drawn.
/// </summary>
internal sealed class LiveSocketClient : IAsyncDisposable
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private readonly Uri baseAddress;
    private readonly CookieContainer cookies;

    // The hub's handlers run one at a time, so a follow call must not wait for the socket: the tokens queue here as
    // the browser's module queues them until its socket is open.
    private readonly Channel<string> tokens = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource abort = new();
    private readonly Task sending;
    private ClientWebSocket? socket;
    private Task receiving = Task.CompletedTask;
    private volatile bool closing;
    private long armedAt;
    private long firstSinceArmed;
    private int followsRequested;
    private int followsSent;

    public LiveSocketClient(Uri baseAddress, CookieContainer cookies)
    {
        this.baseAddress = baseAddress;
        this.cookies = cookies;
        sending = SendFollowsAsync();
    }

    /// <summary>Every message received (points, empty catch-ups and lost tokens).</summary>
    public int Messages;

    /// <summary>Messages that carried at least one point.</summary>
    public int PointMessages;

    /// <summary><c>{"lost":token}</c> answers: the server did not know a token the circuit gave.</summary>
    public int Lost;

    /// <summary>Tokens sent to the server as <c>{"follow":token}</c>.</summary>
    public int FollowsSent => Volatile.Read(ref followsSent);

    /// <summary>True once every follow call so far has reached the server over an open socket (or there were none).</summary>
    public bool Settled => Volatile.Read(ref followsSent) == Volatile.Read(ref followsRequested) || Error is not null;

    /// <summary>Whether the socket was opened (the page had a live chart) and is still open.</summary>
    public bool IsOpen => socket?.State == WebSocketState.Open;

    /// <summary>The first failure: the socket refused or closed by the server, or a message that is not JSON.</summary>
    public string? Error { get; private set; }

    /// <summary>What a chart's <c>follow</c> call asks the tab for: its token is sent on the tab's socket.</summary>
    public void Follow(string token)
    {
        Interlocked.Increment(ref followsRequested);
        tokens.Writer.TryWrite(token);
    }

    public void Arm()
    {
        Interlocked.Exchange(ref firstSinceArmed, 0);
        Interlocked.Exchange(ref armedAt, Stopwatch.GetTimestamp());
    }

    /// <summary>The <see cref="Stopwatch"/> timestamp of the first message with points since <see cref="Arm"/>, or 0.</summary>
    public long FirstSinceArmed => Interlocked.Read(ref firstSinceArmed);

    // Opens the socket at the first token, then sends each token in call order.
    private async Task SendFollowsAsync()
    {
        try
        {
            await foreach (var token in tokens.Reader.ReadAllAsync(abort.Token))
            {
                socket ??= await ConnectAsync();
                await socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(new { follow = token }), WebSocketMessageType.Text, endOfMessage: true, abort.Token);
                Interlocked.Increment(ref followsSent);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            Fail(e.Message);
        }
    }

    // Connected means the server accepted the upgrade, so its side of the socket exists.
    private async Task<ClientWebSocket> ConnectAsync()
    {
        var client = new ClientWebSocket();
        client.Options.Cookies = cookies;
        // A browser sends its page's origin; the portal refuses /live from any other (403).
        client.Options.SetRequestHeader("Origin", baseAddress.GetLeftPart(UriPartial.Authority));
        // A browser sends no pings of its own; the server's keep-alive is answered without them.
        client.Options.KeepAliveInterval = TimeSpan.Zero;
        var uri = new UriBuilder(new Uri(baseAddress, "live")) { Scheme = baseAddress.Scheme == "https" ? "wss" : "ws" }.Uri;
        await client.ConnectAsync(uri, abort.Token);
        receiving = ReceiveAsync(client);
        return client;
    }

    private async Task ReceiveAsync(ClientWebSocket client)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        try
        {
            while (true)
            {
                var result = await client.ReceiveAsync(buffer.GetMemory(1024), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    Fail($"closed by the server: {client.CloseStatus} {client.CloseStatusDescription}");
                    return;
                }

                buffer.Advance(result.Count);
                if (result.EndOfMessage)
                {
                    Count(buffer.WrittenMemory, Stopwatch.GetTimestamp());
                    buffer.ResetWrittenCount();
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            Fail(e.Message);
        }
    }

    // The arrival time is taken before parsing, as the browser's message event fires before its handler reads the JSON.
    private void Count(ReadOnlyMemory<byte> message, long arrived)
    {
        Interlocked.Increment(ref Messages);
        try
        {
            using var json = JsonDocument.Parse(message);
            var root = json.RootElement;
            if (root.TryGetProperty("lost", out _))
            {
                Interlocked.Increment(ref Lost);
            }
            else if (root.TryGetProperty("points", out var points) && points.GetArrayLength() > 0)
            {
                Interlocked.Increment(ref PointMessages);
                if (Interlocked.Read(ref armedAt) != 0)
                {
                    Interlocked.CompareExchange(ref firstSinceArmed, arrived, 0);
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            Fail("not a live message: " + e.Message);
        }
    }

    // What fails while the tab closes is the closing, not the server.
    private void Fail(string error)
    {
        if (!closing)
        {
            Error ??= error;
        }
    }

    /// <summary>Closes the socket as a closing tab does: a close frame, then the server's answer (at most 5 s).</summary>
    public async Task CloseAsync()
    {
        closing = true;
        tokens.Writer.TryComplete();
        if (await Task.WhenAny(sending, Task.Delay(CloseTimeout)) != sending)
        {
            await abort.CancelAsync();
        }

        await sending;
        if (socket is { State: WebSocketState.Open } open)
        {
            using var timeout = new CancellationTokenSource(CloseTimeout);
            try
            {
                await open.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
                await receiving.WaitAsync(timeout.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // The server went first; nothing left to close.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        socket?.Dispose();
        abort.Dispose();
    }
}
