using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;
using MlOpsPortal.Infrastructure.Configuration;

namespace MlOpsPortal.Infrastructure.Hosting;

/// <summary>
/// The <c>Circuits</c> settings: what one open page (a Blazor Server circuit) may hold on the server and for how long.
/// An idle circuit of this portal costs about 0.7–1.9 MB of managed heap (bench/CircuitBench), so each limit here is
/// memory: a disconnected circuit is kept whole until it is reconnected or dropped.
/// </summary>
public sealed class CircuitsOptions
{
    public const string SectionName = "Circuits";

    /// <summary>
    /// Disconnected circuits kept for their tab to reconnect (the framework's default, 100, kept on purpose: a network
    /// blip keeps up to 100 × ~2 MB; beyond that the oldest are dropped and their tabs reload the page, losing nothing
    /// saved).
    /// </summary>
    [Range(0, 10_000)]
    public int DisconnectedCircuitMaxRetained { get; set; } = 100;

    /// <summary>How long a disconnected circuit waits for its tab (3 minutes: a laptop lid or a Wi-Fi switch, not a lunch break).</summary>
    [Range(10, 3_600)]
    public int DisconnectedCircuitRetentionSeconds { get; set; } = 180;

    /// <summary>
    /// How long the server waits for the browser to answer a JS call (30 s rather than the framework's minute: the portal's
    /// calls — time zone, chart appends, MudBlazor's popovers — answer in milliseconds, and a call waiting on a hung tab
    /// holds its component and arguments that long).
    /// </summary>
    [Range(1, 300)]
    public int JSInteropCallTimeoutSeconds { get; set; } = 30;

    /// <summary>Render batches sent but not yet acknowledged by a slow browser before rendering for it pauses (each holds its bytes).</summary>
    [Range(1, 100)]
    public int MaxBufferedUnacknowledgedRenderBatches { get; set; } = 10;

    /// <summary>
    /// Largest message a browser may send on the circuit (32 KB, the default: events and JS results here are small, and
    /// the server buffers a whole message per connection before reading it).
    /// </summary>
    [Range(1, 1_024)]
    public int MaximumReceiveMessageSizeKb { get; set; } = 32;
}

public static class PortalCircuits
{
    /// <summary>Interactive server rendering with <see cref="CircuitsOptions"/> applied to the circuits and their hub.</summary>
    public static WebApplicationBuilder AddPortalCircuits(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<CircuitsOptions>().BindConfiguration(CircuitsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        // The hub's options are read once, when the hub is mapped; the circuit options from IOptions as circuits open.
        var settings = builder.GetValidatedOptions<CircuitsOptions>();
        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents()
            .AddHubOptions(hub => hub.MaximumReceiveMessageSize = settings.MaximumReceiveMessageSizeKb * 1024L);
        builder.Services.AddOptions<CircuitOptions>().Configure<IOptions<CircuitsOptions>>((circuit, configured) =>
        {
            var value = configured.Value;
            circuit.DisconnectedCircuitMaxRetained = value.DisconnectedCircuitMaxRetained;
            circuit.DisconnectedCircuitRetentionPeriod = TimeSpan.FromSeconds(value.DisconnectedCircuitRetentionSeconds);
            circuit.JSInteropDefaultCallTimeout = TimeSpan.FromSeconds(value.JSInteropCallTimeoutSeconds);
            circuit.MaxBufferedUnacknowledgedRenderBatches = value.MaxBufferedUnacknowledgedRenderBatches;
        });
        return builder;
    }
}
