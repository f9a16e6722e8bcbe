using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Infrastructure.Hosting;

public sealed class PortalCircuitsTests
{
    [Fact]
    public void Circuits_keep_the_documented_limits_when_nothing_is_configured()
    {
        using var app = new PortalAppFactory();

        var circuit = app.Services.GetRequiredService<IOptions<CircuitOptions>>().Value;

        Assert.Equal(100, circuit.DisconnectedCircuitMaxRetained);
        Assert.Equal(TimeSpan.FromMinutes(3), circuit.DisconnectedCircuitRetentionPeriod);
        Assert.Equal(TimeSpan.FromSeconds(30), circuit.JSInteropDefaultCallTimeout);
        Assert.Equal(10, circuit.MaxBufferedUnacknowledgedRenderBatches);
        Assert.Equal(32 * 1024, HubReceiveLimit(app));
    }

    [Fact]
    public void Circuit_limits_come_from_the_Circuits_settings()
    {
        using var app = new PortalAppFactory
        {
            Settings =
            {
                ["Circuits:DisconnectedCircuitMaxRetained"] = "7",
                ["Circuits:DisconnectedCircuitRetentionSeconds"] = "45",
                ["Circuits:JSInteropCallTimeoutSeconds"] = "12",
                ["Circuits:MaxBufferedUnacknowledgedRenderBatches"] = "3",
                ["Circuits:MaximumReceiveMessageSizeKb"] = "64",
            },
        };

        var circuit = app.Services.GetRequiredService<IOptions<CircuitOptions>>().Value;

        Assert.Equal(7, circuit.DisconnectedCircuitMaxRetained);
        Assert.Equal(TimeSpan.FromSeconds(45), circuit.DisconnectedCircuitRetentionPeriod);
        Assert.Equal(TimeSpan.FromSeconds(12), circuit.JSInteropDefaultCallTimeout);
        Assert.Equal(3, circuit.MaxBufferedUnacknowledgedRenderBatches);
        Assert.Equal(64 * 1024, HubReceiveLimit(app));
    }

    [Fact]
    public void An_out_of_range_circuit_limit_stops_start_up_naming_it()
    {
        using var app = new PortalAppFactory { Settings = { ["Circuits:DisconnectedCircuitRetentionSeconds"] = "0" } };

        var error = Assert.ThrowsAny<Exception>(() => app.Services);

        Assert.Contains("DisconnectedCircuitRetentionSeconds", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The hub options Blazor's own hub reads (ComponentHub is internal, so found by name among the configured hubs).</summary>
    private static long? HubReceiveLimit(PortalAppFactory app)
    {
        var hubType = typeof(CircuitOptions).Assembly.GetType("Microsoft.AspNetCore.Components.Server.ComponentHub", throwOnError: true)!;
        var options = (IOptions<HubOptions>)app.Services.GetRequiredService(typeof(IOptions<>).MakeGenericType(typeof(HubOptions<>).MakeGenericType(hubType)));
        return options.Value.MaximumReceiveMessageSize;
    }
}
