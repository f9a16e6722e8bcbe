using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>
/// A browser tab's live socket (<c>GET /live</c>, a WebSocket with the person's cookie): the live charts of its pages
/// follow their series here instead of receiving each point through their circuit. A chart's circuit holds its points
/// from before its first read (<see cref="LiveHandoff"/>) and gives the browser a token; the browser sends
/// <c>{"follow": token}</c>, and the socket joins the chart's series (<see cref="LiveBroadcast"/>), then sends what was
/// held, then every point as it is committed. An unknown token is answered <c>{"lost": token}</c>, and the chart takes a
/// new one. When the chart goes (its page left, its circuit closed) the socket stops following it.
/// </summary>
public static partial class LiveSocket
{
    public const string Path = Infrastructure.Security.CircuitOriginMiddleware.LiveSocketPath;

    /// <summary>Messages waiting for a slow browser before its socket is closed; its charts then read afresh.</summary>
    internal const int MaxQueuedMessages = 256;

    internal const int MaxFollowMessageBytes = 1024;

    public static IEndpointRouteBuilder MapLiveSocket(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(Path, RunAsync)
            .RequireAuthorization(Policies.SignedIn)
            .ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> RunAsync(
        HttpContext context, LiveHandoffs handoffs, LiveBroadcast broadcast, TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<LiveConnection> logger)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "A WebSocket is expected",
                detail: "/live carries live chart points to the portal's own pages over a WebSocket; open a dashboard instead.");
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new LiveConnection(socket, context.User.UserId() ?? string.Empty, handoffs, broadcast, clock, logger);
        // A stopping instance closes its sockets at once instead of holding its shutdown until they time out; the
        // browser's charts then follow again wherever the page reconnects.
        using var stopping = lifetime.ApplicationStopping.Register(connection.Stop);
        await connection.RunAsync(context.RequestAborted);
        return Results.Empty;
    }
}

/// <summary>One open live socket: what it follows, and its queue of messages to send.</summary>
internal sealed partial class LiveConnection(
    WebSocket socket, string user, LiveHandoffs handoffs, LiveBroadcast broadcast, TimeProvider clock, ILogger<LiveConnection> logger)
{
    private readonly Channel<ReadOnlyMemory<byte>> outgoing = Channel.CreateBounded<ReadOnlyMemory<byte>>(
        new BoundedChannelOptions(LiveSocket.MaxQueuedMessages) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly Lock gate = new();
    private readonly List<Follow> follows = [];
    private bool closed;

    // How the sender closes the socket once its queue is done; set once (see Finish).
    private (WebSocketCloseStatus Status, string Reason)? ending;

    /// <summary>Queues a message without waiting; a browser that falls too far behind has its socket closed.</summary>
    public void Send(ReadOnlyMemory<byte> message)
    {
        if (!outgoing.Writer.TryWrite(message) && Finish(WebSocketCloseStatus.PolicyViolation, "Too far behind."))
        {
            LogTooSlow(logger, user);
        }
    }

    /// <summary>The instance is stopping: the socket closes with 1001 (going away) once what is queued is sent.</summary>
    public void Stop() => Finish(WebSocketCloseStatus.EndpointUnavailable, "The portal is stopping.");

    // Only the sender writes to the socket (a WebSocket takes one send at a time): it sends what is queued, then the
    // close. False when the socket was ending already.
    private bool Finish(WebSocketCloseStatus status, string reason)
    {
        lock (gate)
        {
            if (ending is not null)
            {
                return false;
            }

            ending = (status, reason);
        }

        outgoing.Writer.TryComplete();
        return true;
    }

    public async Task RunAsync(CancellationToken aborted)
    {
        var sending = SendAllAsync(aborted);
        try
        {
            await ReceiveAllAsync(aborted);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The tab closed or the network went; its charts are gone or will follow again on a new socket.
        }
        finally
        {
            Close();
            Finish(WebSocketCloseStatus.NormalClosure, "Closed.");
            await sending;
        }
    }

    private async Task ReceiveAllAsync(CancellationToken aborted)
    {
        var buffer = new byte[LiveSocket.MaxFollowMessageBytes];
        while (socket.State == WebSocketState.Open)
        {
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                if (length == buffer.Length)
                {
                    Finish(WebSocketCloseStatus.MessageTooBig, "A follow message is a token.");
                    return;
                }

                result = await socket.ReceiveAsync(buffer.AsMemory(length), aborted);
                length += result.Count;
            }
            while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            if (TokenOf(buffer.AsSpan(0, length)) is not { } token)
            {
                Finish(WebSocketCloseStatus.InvalidPayloadData, "Expected {\"follow\": token}.");
                return;
            }

            await FollowAsync(token);
        }
    }

    private static string? TokenOf(ReadOnlySpan<byte> message)
    {
        try
        {
            var reader = new Utf8JsonReader(message);
            return JsonSerializer.Deserialize<FollowMessage>(ref reader, JsonSerializerOptions.Web)?.Follow is { Length: > 0 } token ? token : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task FollowAsync(string token)
    {
        if (handoffs.Claim(token, user) is not { } handoff)
        {
            Send(JsonSerializer.SerializeToUtf8Bytes(new LostMessage(token), JsonSerializerOptions.Web));
            return;
        }

        // Joined before the hold is released, so every point is either held or heard here (a few both: the browser
        // draws a timestamp once).
        var follow = new Follow(handoff.Series);
        await Task.WhenAll(handoff.Series.Select(series => broadcast.JoinAsync(series, this)));
        var held = handoff.Release();
        bool gone;
        lock (gate)
        {
            gone = closed;
            if (!gone)
            {
                follows.Add(follow);
            }
        }

        if (gone)
        {
            Leave(follow);
            return;
        }

        foreach (var group in held.GroupBy(LiveSeries.Of))
        {
            Send(LiveBroadcast.Message(group.Key, group, clock.GetUtcNow()));
        }

        follow.Registration = handoff.Ended.Register(() => Unfollow(follow));
    }

    private void Unfollow(Follow follow)
    {
        lock (gate)
        {
            if (!follows.Remove(follow))
            {
                return;
            }
        }

        Leave(follow);
    }

    private void Close()
    {
        List<Follow> left;
        lock (gate)
        {
            closed = true;
            left = [.. follows];
            follows.Clear();
        }

        foreach (var follow in left)
        {
            Leave(follow);
        }
    }

    private void Leave(Follow follow)
    {
        follow.Registration.Dispose();
        foreach (var series in follow.Series)
        {
            broadcast.Leave(series, this);
        }
    }

    private async Task SendAllAsync(CancellationToken aborted)
    {
        try
        {
            await foreach (var message in outgoing.Reader.ReadAllAsync(aborted))
            {
                await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, aborted);
            }

            // Too far behind (its charts then read afresh), a bad message, the instance stopping, or the browser's own
            // close answered.
            if (ending is var (status, reason) && socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(status, reason, aborted);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // Gone mid-send: the receive side sees the same and closes the connection.
        }
    }

    [LoggerMessage(EventId = 4020, Level = LogLevel.Warning, Message = "A live socket of {User} fell too far behind and is closed; its charts read afresh")]
    private static partial void LogTooSlow(ILogger logger, string user);

    private sealed record FollowMessage(string? Follow);

    private sealed record LostMessage(string Lost);

    private sealed class Follow(IReadOnlyList<LiveSeries> series)
    {
        public IReadOnlyList<LiveSeries> Series { get; } = series;

        public CancellationTokenRegistration Registration { get; set; }
    }
}
