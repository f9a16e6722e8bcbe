using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// One browser tab without a browser: what blazor.web.js (.NET 10) does for a prerendered interactive-server page, over the
/// same hub. Connect to /_blazor with "blazorpack", StartCircuit with no initial components, then UpdateRootComponents
/// with an "add" per prerendered server marker (and the prerender's persisted state), acknowledge every JS.RenderBatch
/// with OnRenderCompleted and answer every JS interop call as a browser would for the calls this portal makes. Render
/// batches are counted and sized, not applied to a DOM. A live chart's <c>follow</c> call hands its token to the tab's
/// socket to /live (<see cref="LiveSocketClient"/>), which carries the chart's points from then on.
/// </summary>
internal sealed partial class Circuit : IAsyncDisposable
{
    private readonly HubConnection hub;
    private readonly TaskCompletionSource firstBatch = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long nextJsObjectId;
    private long armedAt;
    private long firstBatchSinceArmed;
    private long firstInteropSinceArmed;

    private Circuit(HubConnection hub, LiveSocketClient live)
    {
        this.hub = hub;
        Live = live;
    }

    public string? Id { get; private set; }

    public int Batches;

    public long BatchBytes;

    public int InteropCalls;

    /// <summary>Every render batch's size in arrival order, for comparing with what Chromium received.</summary>
    public List<int> BatchSizes { get; } = [];

    /// <summary>Identifiers of the JS calls the server made, in order.</summary>
    public List<string> InteropIdentifiers { get; } = [];

    public string? Error { get; private set; }

    /// <summary>The tab's socket to /live, opened at the page's first <c>follow</c> call.</summary>
    public LiveSocketClient Live { get; }

    /// <summary>Opens a circuit for the page whose prerendered markup is <paramref name="page"/>.</summary>
    public static async Task<Circuit> StartAsync(Uri baseAddress, CookieContainer cookies, PrerenderedPage page, bool record, CancellationToken cancellationToken)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(baseAddress, "_blazor"), options =>
        {
            options.Cookies = cookies;
            options.Transports = HttpTransportType.WebSockets;
            // A browser sends its page's origin; the portal accepts circuits from its own origin only.
            options.Headers["Origin"] = baseAddress.GetLeftPart(UriPartial.Authority);
        });
        builder.Services.AddSingleton<IHubProtocol, BlazorPack>();
        var circuit = new Circuit(builder.Build(), new LiveSocketClient(baseAddress, cookies));
        circuit.hub.ServerTimeout = TimeSpan.FromMinutes(5);
        circuit.hub.HandshakeTimeout = TimeSpan.FromMinutes(2);
        circuit.Listen(record);
        await circuit.hub.StartAsync(cancellationToken);

        // blazor.web.js starts the circuit with no components (all root components are added dynamically) ...
        circuit.Id = await circuit.hub.InvokeAsync<string?>("StartCircuit", baseAddress.ToString(), page.Url.ToString(), "[]", "", cancellationToken)
            ?? throw new InvalidOperationException("StartCircuit was refused.");

        // ... then adds each prerendered server component, in the markers' order, with the prerender's persisted state.
        var operations = page.Markers.Select((marker, i) => new Dictionary<string, object>
        {
            ["type"] = "add", ["ssrComponentId"] = i + 1, ["marker"] = marker,
        });
        var batch = JsonSerializer.Serialize(new Dictionary<string, object> { ["batchId"] = 1, ["operations"] = operations });
        await circuit.hub.SendAsync("UpdateRootComponents", batch, page.State, cancellationToken);
        await circuit.firstBatch.Task.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
        return circuit.Error is null ? circuit : throw new InvalidOperationException(circuit.Error);
    }

    /// <summary>Starts timing: the next render batch, JS call and live message with points after this moment are remembered.</summary>
    public void Arm()
    {
        Interlocked.Exchange(ref firstBatchSinceArmed, 0);
        Interlocked.Exchange(ref firstInteropSinceArmed, 0);
        Interlocked.Exchange(ref armedAt, Stopwatch.GetTimestamp());
        Live.Arm();
    }

    /// <summary>The <see cref="Stopwatch"/> timestamp of the first render batch since <see cref="Arm"/>, or 0.</summary>
    public long FirstBatchSinceArmed => Interlocked.Read(ref firstBatchSinceArmed);

    public long FirstInteropSinceArmed => Interlocked.Read(ref firstInteropSinceArmed);

    /// <summary>The <see cref="Stopwatch"/> timestamp of the first /live message with points since <see cref="Arm"/>, or 0.</summary>
    public long FirstLiveSinceArmed => Live.FirstSinceArmed;

    /// <summary>Waits until <paramref name="batches"/> render batches have arrived in total (for settling after start).</summary>
    public async Task WaitForBatchesAsync(int batches, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (Volatile.Read(ref Batches) < batches && watch.Elapsed < timeout)
        {
            await Task.Delay(20);
        }
    }

    private void Listen(bool record)
    {
        hub.On("JS.RenderBatch", [typeof(long), typeof(byte[])], async args =>
        {
            var now = Stopwatch.GetTimestamp();
            if (Interlocked.Read(ref armedAt) != 0)
            {
                Interlocked.CompareExchange(ref firstBatchSinceArmed, now, 0);
            }

            var id = (long)args[0]!;
            var bytes = ((byte[])args[1]!).Length;
            Interlocked.Increment(ref Batches);
            Interlocked.Add(ref BatchBytes, bytes);
            if (record)
            {
                lock (BatchSizes)
                {
                    BatchSizes.Add(bytes);
                }
            }

            // A browser applies the batch to the DOM and then confirms it; the server holds unconfirmed batches (and
            // stops rendering after ten of them), so an idle client that never confirmed would look lighter than it is.
            await hub.SendAsync("OnRenderCompleted", id, null);
            firstBatch.TrySetResult();
        });

        // .NET 10: (asyncHandle, identifier, argsJson, resultType, targetInstanceId, callType).
        hub.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)], async args =>
        {
            if (Interlocked.Read(ref armedAt) != 0)
            {
                Interlocked.CompareExchange(ref firstInteropSinceArmed, Stopwatch.GetTimestamp(), 0);
            }

            Interlocked.Increment(ref InteropCalls);
            var handle = (long)args[0]!;
            var identifier = (string)args[1]!;
            if (record)
            {
                lock (InteropIdentifiers)
                {
                    InteropIdentifiers.Add(identifier);
                }
            }

            if (identifier == "follow")
            {
                if (FollowToken((string)args[2]!) is { } token)
                {
                    Live.Follow(token);
                }
                else
                {
                    Error ??= "follow without a token: " + args[2];
                }
            }

            if (handle != 0)
            {
                await hub.SendAsync("EndInvokeJSFromDotNet", handle, true, string.Create(CultureInfo.InvariantCulture, $"[{handle},true,{Answer(identifier, (int)args[3]!)}]"));
            }
        });
        hub.On("JS.AttachComponent", [typeof(int), typeof(string)], _ => Task.CompletedTask);
        hub.On("JS.EndUpdateRootComponents", [typeof(long)], _ => Task.CompletedTask);
        hub.On("JS.EndInvokeDotNet", [typeof(string), typeof(bool), typeof(string)], _ => Task.CompletedTask);
        hub.On("JS.EndLocationChanging", [typeof(int), typeof(bool)], _ => Task.CompletedTask);
        hub.On("JS.Error", [typeof(string)], args =>
        {
            Error ??= "JS.Error: " + args[0];
            firstBatch.TrySetResult();
            return Task.CompletedTask;
        });
        hub.Closed += exception =>
        {
            Error ??= "connection closed" + (exception is null ? "" : ": " + exception.Message);
            firstBatch.TrySetResult();
            return Task.CompletedTask;
        };
    }

    /// <summary>
    /// A chart's follow call: [chartId, token, keys, windowMs, dotNetRef]; the tab's socket needs only the token.
    /// </summary>
    private static string? FollowToken(string argsJson)
    {
        using var args = JsonDocument.Parse(argsJson);
        return args.RootElement is { ValueKind: JsonValueKind.Array } array && array.GetArrayLength() > 1 && array[1].ValueKind == JsonValueKind.String
            ? array[1].GetString()
            : null;
    }

    /// <summary>
    /// What a browser returns, as JSON: a module import or other object result is a JS object reference, the time-zone
    /// lookup answers UTC (headless Chromium here runs in UTC too), everything else this portal awaits is void or unused.
    /// </summary>
    private string Answer(string identifier, int resultType) => resultType switch
    {
        1 => string.Create(CultureInfo.InvariantCulture, $"{{\"__jsObjectId\":{Interlocked.Increment(ref nextJsObjectId)}}}"),
        _ when identifier == "timeZone" => "\"UTC\"",
        _ => "null",
    };

    /// <summary>Ends the circuit as a closing tab does: the beacon to /_blazor/disconnect, then the connection and the live socket.</summary>
    public async Task CloseAsync(HttpClient http)
    {
        if (Id is not null)
        {
            using var form = new MultipartFormDataContent { { new StringContent(Id), "circuitId" } };
            using var _ = await http.PostAsync(new Uri("_blazor/disconnect", UriKind.Relative), form);
        }

        await hub.StopAsync();
        await Live.CloseAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await hub.DisposeAsync();
        await Live.DisposeAsync();
    }
}

/// <summary>A prerendered page's interactive server markers and persisted state, as blazor.web.js reads them from the DOM.</summary>
internal sealed partial record PrerenderedPage(Uri Url, IReadOnlyList<JsonElement> Markers, string State)
{
    public static async Task<PrerenderedPage> GetAsync(HttpClient http, string path)
    {
        var url = new Uri(http.BaseAddress!, path);
        using var response = await http.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode} ({response.Headers.Location}).");
        }

        var markers = Marker().Matches(html).Select(m => JsonDocument.Parse(m.Groups["json"].Value).RootElement)
            .Where(m => m.TryGetProperty("type", out var type) && type.GetString() == "server" && m.TryGetProperty("descriptor", out _))
            .OrderBy(m => m.GetProperty("sequence").GetInt32())
            .ToList();
        if (markers.Count == 0)
        {
            throw new InvalidOperationException($"GET {path} has no interactive server component (not signed in?).");
        }

        return new PrerenderedPage(url, markers, StateComment().Match(html) is { Success: true } state ? state.Groups["state"].Value : "");
    }

    [GeneratedRegex("<!--Blazor:(?<json>\\{.*?\\})-->", RegexOptions.Singleline)]
    private static partial Regex Marker();

    [GeneratedRegex("<!--Blazor-Server-Component-State:(?<state>[A-Za-z0-9+/=_-]+)-->")]
    private static partial Regex StateComment();
}
