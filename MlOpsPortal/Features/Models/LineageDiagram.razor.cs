using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace MlOpsPortal.Features.Models;

public sealed partial class LineageDiagram
{
    internal const int Width = 680;
    internal const int NodeWidth = 250;
    internal const int NodeHeight = 48;
    private const int RowGap = 22;
    private const int Padding = 8;
    private const int MinWidth = 540;

    // Room for about this many characters in a node at the diagram's font size; the full label stays in the tooltip.
    private const int MaxLabelLength = 32;

    private readonly string markerId = "arrow-" + Guid.NewGuid().ToString("N")[..8];
    private List<PlacedNode> nodes = [];
    private List<PlacedEdge> edges = [];
    private int height;

    [Parameter, EditorRequired]
    public LineageGraph? Graph { get; set; }

    /// <summary>The node of the page showing the diagram, drawn highlighted.</summary>
    [Parameter]
    public string? CurrentId { get; set; }

    [Parameter]
    public string EmptyText { get; set; } = "No datasets were recorded for this version.";

    [Parameter]
    public string AriaLabel { get; set; } = "Lineage";

    protected override void OnParametersSet()
    {
        nodes = [];
        edges = [];
        if (Graph is null)
        {
            return;
        }

        // Dataset versions feed model versions, so they stand on the left whichever of them the page is about.
        var left = Graph.Nodes.Where(n => n.Kind == ModelsService.DatasetVersionKind).ToList();
        var right = Graph.Nodes.Where(n => n.Kind != ModelsService.DatasetVersionKind).ToList();
        var rows = Math.Max(Math.Max(left.Count, right.Count), 1);
        height = (rows * NodeHeight) + ((rows - 1) * RowGap) + (2 * Padding);
        nodes = [.. Place(left, Padding, rows), .. Place(right, Width - Padding - NodeWidth, rows)];
        var byId = nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);

        // Two roles between the same pair (training and validation on one dataset) get their own curve and label.
        foreach (var pair in Graph.Edges.GroupBy(e => (e.From, e.To)))
        {
            if (!byId.TryGetValue(pair.Key.From, out var from) || !byId.TryGetValue(pair.Key.To, out var to))
            {
                continue;
            }

            var list = pair.ToList();
            for (var i = 0; i < list.Count; i++)
            {
                var spread = (i - ((list.Count - 1) / 2d)) * 16;
                edges.Add(Connect(list[i], from, to, spread));
            }
        }
    }

    private static IEnumerable<PlacedNode> Place(List<LineageNode> column, double x, int rows)
    {
        // A shorter column is centred against the longer one so the curves stay short.
        var offset = (rows - column.Count) * (NodeHeight + RowGap) / 2d;
        return column.OrderBy(n => n.Label, StringComparer.Ordinal)
            .Select((n, i) => new PlacedNode(n.Id, n.Kind, n.Label, n.Href, x, Padding + offset + (i * (NodeHeight + RowGap))));
    }

    private static PlacedEdge Connect(LineageEdge edge, PlacedNode from, PlacedNode to, double spread)
    {
        var (x1, y1) = (from.X + NodeWidth, from.Y + (NodeHeight / 2d) + (spread / 2));
        var (x2, y2) = (to.X - 2, to.Y + (NodeHeight / 2d) + (spread / 2));
        var bend = (x2 - x1) / 2;
        var path = FormattableString.Invariant($"M {x1:0.#} {y1:0.#} C {x1 + bend:0.#} {y1 + spread:0.#}, {x2 - bend:0.#} {y2 + spread:0.#}, {x2:0.#} {y2:0.#}");
        var label = EdgeText(edge.Kind);
        // The midpoint of the cubic curve, where the label sits.
        var labelY = ((y1 + y2) / 2) + (0.75 * spread);
        return new PlacedEdge(edge.From, edge.To, edge.Kind, path, label, (x1 + x2) / 2, labelY, 12 + (label.Length * 6.4));
    }

    internal static string EdgeText(string kind) => kind switch
    {
        "trainedOn" => "training",
        "validatedOn" => "validation",
        "testedOn" => "test",
        _ => kind,
    };

    private static string KindText(string kind) => kind == ModelsService.DatasetVersionKind ? "Dataset version" : "Model version";

    private static string Truncate(string label) => label.Length <= MaxLabelLength ? label : label[..(MaxLabelLength - 1)] + "…";

    private static string Px(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private sealed record PlacedNode(string Id, string Kind, string Label, string Href, double X, double Y);

    private sealed record PlacedEdge(string From, string To, string Kind, string Path, string Label, double LabelX, double LabelY, double LabelWidth);
}
