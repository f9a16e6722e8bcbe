using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace MlOpsPortal.Features.Models;

public sealed partial class LineageDiagram
{
    /// <summary>The zoom steps; with none chosen the drawing follows the page's width (auto, or fit).</summary>
    internal static readonly double[] Steps = [0.5, 0.67, 0.8, 1, 1.25, 1.5, 2];

    private const string ModulePath = "./Features/Models/LineageDiagram.razor.js";

    private readonly string markerId = "arrow-" + Guid.NewGuid().ToString("N")[..8];
    private LineageLayout.Layout drawing = new([], [], 0, 0);
    private ElementReference viewport;
    private IJSObjectReference? module;
    private string? attachedTo;
    private double? zoom;

    /// <summary>
    /// Auto (the start) follows the page's width but never shrinks below <see cref="AutoMinimum"/> of the drawn size, so
    /// a phone shows readable text and scrolls; fit shrinks as far as needed to show everything.
    /// </summary>
    private bool fit;

    private const double AutoMinimum = 0.6;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Parameter, EditorRequired]
    public LineageGraph? Graph { get; set; }

    /// <summary>The node of the page showing the diagram, drawn highlighted; the columns count outwards from it.</summary>
    [Parameter]
    public string? CurrentId { get; set; }

    [Parameter]
    public string EmptyText { get; set; } = "No datasets were recorded for this version.";

    [Parameter]
    public string AriaLabel { get; set; } = "Lineage";

    private bool CanZoomIn => zoom is null || zoom < Steps[^1];

    private bool CanZoomOut => zoom is null || zoom > Steps[0];

    private string ZoomText => zoom is { } z ? z.ToString("P0", CultureInfo.InvariantCulture).Replace(" ", string.Empty, StringComparison.Ordinal) : fit ? "Fit" : "Auto";

    /// <summary>
    /// Auto and fit: the page's width, never larger than drawn. A zoom step: that many pixels per unit, and the viewport scrolls.
    /// </summary>
    private string SvgStyle => zoom is { } z
        ? Invariant($"width: {drawing.Width * z:0}px; height: {drawing.Height * z:0}px")
        : fit ? Invariant($"width: 100%; max-width: {drawing.Width:0}px")
        : Invariant($"width: 100%; max-width: {drawing.Width:0}px; min-width: {drawing.Width * AutoMinimum:0}px");

    protected override void OnParametersSet() =>
        drawing = Graph is null ? new([], [], 0, 0) : LineageLayout.Arrange(Graph, CurrentId);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // The viewport is a new element whenever the graph went empty and back (another version picked).
        if (Graph?.Edges.Count > 0 && viewport.Id is { } id && id != attachedTo)
        {
            attachedTo = id;
            module ??= await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
            if (module is not null)
            {
                await module.InvokeVoidAsync("attach", viewport);
            }
        }
    }

    private async Task ZoomInAsync()
    {
        var scale = await CurrentScaleAsync();
        zoom = Steps.FirstOrDefault(s => s > scale + 0.01, Steps[^1]);
    }

    private async Task ZoomOutAsync()
    {
        var scale = await CurrentScaleAsync();
        zoom = Steps.LastOrDefault(s => s < scale - 0.01, Steps[0]);
    }

    private void Fit() => (zoom, fit) = (null, true);

    /// <summary>At fit the scale depends on the page's width, which only the browser knows; without it, 100 %.</summary>
    private async Task<double> CurrentScaleAsync()
    {
        if (zoom is { } z)
        {
            return z;
        }

        var drawn = module is null ? 0 : await module.InvokeAsync<double>("drawnWidth", viewport);
        return drawn > 0 && drawing.Width > 0 ? drawn / drawing.Width : 1;
    }

    private static bool External(string href) => href.StartsWith("http", StringComparison.OrdinalIgnoreCase);

    private static string Px(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    public async ValueTask DisposeAsync()
    {
        if (module is not null)
        {
            try
            {
                await module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone, and the module with it.
            }
        }
    }
}
