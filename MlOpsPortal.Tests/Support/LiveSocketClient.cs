using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace MlOpsPortal.Tests.Support;

/// <summary>
/// A browser tab's live socket (<c>/live</c>) for tests: a real WebSocket to a portal on Kestrel, signed in as a
/// persona, sending <c>{"follow": token}</c> and reading each message the portal sends, in order.
/// </summary>
public sealed class LiveSocketClient : IAsyncDisposable
{
    private readonly ClientWebSocket socket;
    private readonly Channel<JsonElement> messages = Channel.CreateUnbounded<JsonElement>();
    private readonly CancellationTokenSource stop = new();
    private readonly Task receiving;

    private LiveSocketClient(ClientWebSocket socket)
    {
        this.socket = socket;
        receiving = ReceiveAsync();
    }

    /// <summary>The portal's own origin: what a browser on its pages sends.</summary>
    public static string OriginOf(PortalAppFactory portal)
    {
        ArgumentNullException.ThrowIfNull(portal);
        return portal.ClientOptions.BaseAddress.GetLeftPart(UriPartial.Authority);
    }

    /// <summary>Opens the socket as a browser on the portal's pages would, with the persona's sign-in.</summary>
    public static async Task<LiveSocketClient> ConnectAsync(PortalAppFactory portal, Persona persona) =>
        new(await OpenAsync(portal, persona, OriginOf(portal)));

    /// <summary>Tries to open a socket as given; the refused handshake's HTTP status is on the socket.</summary>
    public static async Task<ClientWebSocket> OpenAsync(PortalAppFactory portal, Persona? persona, string origin)
    {
        ArgumentNullException.ThrowIfNull(portal);
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Origin", origin);
        if (persona is not null)
        {
            socket.Options.SetRequestHeader(TestAuthHandler.HeaderName, persona.Id);
        }

        var address = new UriBuilder(portal.ClientOptions.BaseAddress) { Scheme = "ws", Path = "/live" }.Uri;
        try
        {
            await socket.ConnectAsync(address, CancellationToken.None);
        }
        catch (WebSocketException) when (socket.HttpStatusCode != 0)
        {
            // Refused: the caller reads HttpStatusCode.
        }

        return socket;
    }

    public Task FollowAsync(string token) => SendTextAsync(JsonSerializer.Serialize(new { follow = token }));

    public Task SendTextAsync(string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>Waits for the portal to close the socket and answers its close status and reason.</summary>
    public async Task<(WebSocketCloseStatus? Status, string? Reason)> ClosedAsync(TimeSpan within)
    {
        await receiving.WaitAsync(within);
        return (socket.CloseStatus, socket.CloseStatusDescription);
    }

    /// <summary>The next message the portal sent, waiting at most <paramref name="within"/>.</summary>
    public async Task<JsonElement> NextAsync(TimeSpan within) => await messages.Reader.ReadAsync().AsTask().WaitAsync(within);

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var length = 0;
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer, length, buffer.Length - length), stop.Token);
                    length += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                messages.Writer.TryWrite(JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, length)).RootElement);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // Closed by the test or the portal.
        }
        finally
        {
            messages.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await receiving;
        socket.Dispose();
        stop.Dispose();
    }
}
