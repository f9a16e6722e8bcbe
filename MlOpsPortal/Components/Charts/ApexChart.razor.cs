// ApexCharts is loaded once per page from its UMD build (lib/apexcharts/apexcharts.min.js via a plain
// <script> tag) and reached as the global ApexCharts: the package's ESM build imports the bare specifier
// "@svgdotjs/svg.js", which a browser cannot resolve without a bundler or an import map.
// Formatters are named functions inside ApexChart.razor.js chosen by a string in the options
// (see ChartFormatters), because options travel as JSON and turning strings into code would need
// eval/new Function, i.e. a Content-Security-Policy with 'unsafe-eval'.

using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace MlOpsPortal.Components.Charts;

/// <summary>
/// An ApexCharts line/area/bar chart. <see cref="Options"/> is read when the chart is created; change
/// the chart afterwards with <see cref="UpdateSeriesAsync"/> and
/// <see cref="UpdateOptionsAsync"/>. Call those on the renderer's dispatcher (wrap timer callbacks in
/// <c>InvokeAsync</c>); calls made before the chart exists are replayed once it has been created.
/// </summary>
public sealed partial class ApexChart
{
    internal const string ModulePath = "./Components/Charts/ApexChart.razor.js";

    // Apex's own grid colour is near-white, which glares on a dark surface.
    private const string LightGridColor = "#e0e0e0";
    private const string DarkGridColor = "rgba(255, 255, 255, 0.12)";

    // Calls issued before the chart exists, replayed in order right after create.
    private readonly List<Func<IJSObjectReference, Task>> _pending = [];
    private ElementReference _element;
    private IJSObjectReference? _module;
    private bool _created;
    private bool _disposed;
    private ThemeMode? _appliedMode;
    private int? _appliedHeight;


    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ILogger<ApexChart> Logger { get; set; } = default!;

    [Parameter, EditorRequired]
    public ApexChartOptions Options { get; set; } = new();

    /// <summary>Describes the chart for screen readers; the SVG itself is not accessible.</summary>
    [Parameter, EditorRequired]
    public string AriaLabel { get; set; } = string.Empty;

    /// <summary>Height in pixels; also reserved as min-height so the page does not jump when the chart appears.</summary>
    [Parameter]
    public int? Height { get; set; }

    /// <summary>Light or dark chart chrome; null leaves <see cref="ThemeOptions.Mode"/> in charge. Changes apply live.</summary>
    [Parameter]
    public bool? DarkMode { get; set; }

    [Parameter]
    public string? Class { get; set; }

    [Parameter(CaptureUnmatchedValues = true)]
    public IReadOnlyDictionary<string, object>? AdditionalAttributes { get; set; }

    /// <summary>Identifies this chart in the JavaScript module; unique per component instance.</summary>
    internal string ChartId { get; } = $"apexchart-{Guid.NewGuid():N}";

    private string CssClass => string.IsNullOrWhiteSpace(Class) ? "mlops-apexchart" : $"mlops-apexchart {Class}";

    private string? CssStyle => Height is { } height ? $"min-height: {height}px" : null;

    private ThemeMode? EffectiveMode => DarkMode switch
    {
        true => ThemeMode.Dark,
        false => ThemeMode.Light,
        null => Options.Theme?.Mode,
    };

    /// <summary>Replaces all series.</summary>
    public Task UpdateSeriesAsync(IEnumerable<ChartSeries> series, bool animate = true)
    {
        ArgumentNullException.ThrowIfNull(series);
        return CallModuleAsync("updateSeries", ChartId, Serialize(series.ToList()), animate);
    }

    /// <summary>
    /// Merges <paramref name="options"/> into the chart; only the non-null properties change. While the person has
    /// zoomed or panned, an x-axis min/max here does not undo that: it becomes where "reset zoom" goes back to.
    /// </summary>
    public Task UpdateOptionsAsync(ApexChartOptions options, bool redrawPaths = false, bool animate = true)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CallModuleAsync("updateOptions", ChartId, Serialize(options), redrawPaths, animate);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            await CreateAsync();
        }
        else if (_created && (EffectiveMode != _appliedMode || Height != _appliedHeight))
        {
            var patch = ParameterOptions();
            _appliedMode = EffectiveMode;
            _appliedHeight = Height;
            await CallModuleAsync("updateOptions", ChartId, patch.ToJsonString(ApexChartJson.Options), false, false);
        }
    }

    private async Task CreateAsync()
    {
        try
        {
            var module = await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
            if (_disposed)
            {
                await module.DisposeAsync();
                return;
            }

            _module = module;
            var options = CreationDefaults();
            Merge(options, JsonSerializer.SerializeToNode(Options, ApexChartJson.Options)!.AsObject());
            Merge(options, ParameterOptions());
            _appliedMode = EffectiveMode;
            _appliedHeight = Height;
            await module.InvokeVoidAsync("create", ChartId, _element, options.ToJsonString(ApexChartJson.Options));
            if (_disposed)
            {
                return;
            }

            // Drained one by one because the list can change while a call is awaited; the chart only counts
            // as created afterwards so that later calls cannot overtake earlier queued ones.
            while (_pending.Count > 0)
            {
                var call = _pending[0];
                _pending.RemoveAt(0);
                await call(module);
            }

            _created = !_disposed;
        }
        catch (JSDisconnectedException)
        {
            // The circuit went away mid-create; disposal follows and there is nothing left to draw on.
        }
        catch (JSException ex)
        {
            // A broken chart should cost one empty panel, not the whole circuit.
            Logger.LogError(ex, "Chart {ChartId} ({AriaLabel}) could not be created.", ChartId, AriaLabel);
        }
    }

    // Component defaults for time-series charts; anything the caller set wins over them.
    private static JsonObject CreationDefaults() => new()
    {
        ["chart"] = new JsonObject { ["background"] = "transparent" },
        ["dataLabels"] = new JsonObject { ["enabled"] = false },
    };

    // Settings driven by component parameters: they win over Options and are re-sent when the parameters change.
    private JsonObject ParameterOptions()
    {
        var result = new JsonObject();
        if (Height is { } height)
        {
            result["chart"] = new JsonObject { ["height"] = height };
        }

        if (EffectiveMode is { } mode)
        {
            result["theme"] = new JsonObject { ["mode"] = JsonSerializer.SerializeToNode(mode, ApexChartJson.Options) };
            result["grid"] = new JsonObject
            {
                ["borderColor"] = Options.Grid?.BorderColor ?? (mode == ThemeMode.Dark ? DarkGridColor : LightGridColor),
            };
        }

        return result;
    }

    private static void Merge(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source)
        {
            if (value is JsonObject child && target[key] is JsonObject existing)
            {
                Merge(existing, child);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, ApexChartJson.Options);

    private async Task CallModuleAsync(string identifier, params object?[] args)
    {
        if (_disposed)
        {
            return;
        }

        if (!_created || _module is null)
        {
            _pending.Add(module => module.InvokeVoidAsync(identifier, args).AsTask());
            return;
        }

        try
        {
            await _module.InvokeVoidAsync(identifier, args);
        }
        catch (JSDisconnectedException)
        {
            // Live updates racing a closed circuit: the component is about to be disposed anyway.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _pending.Clear();
        if (_module is null)
        {
            return;
        }

        try
        {
            // Called even if create is still in flight: the module handles calls in order and ignores unknown ids.
            await _module.InvokeVoidAsync("destroy", ChartId);
            await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The browser side is gone, and the chart with it.
        }
        catch (OperationCanceledException)
        {
            // The circuit is shutting down and cancelled the call; same outcome as a disconnect.
        }
        catch (ObjectDisposedException)
        {
            // The JS runtime was disposed before this component.
        }
    }
}
