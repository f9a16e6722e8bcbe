using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace MlOpsPortal.Features.Models;

public sealed partial class LineageDiagram
{
    private const int RowGap = 28;
    private const int Padding = 8;

    private static readonly LayoutSize Wide = new(Width: 680, NodeWidth: 250, NodeHeight: 56, MaxChars: 32, LabelCharWidth: 6.4, Compact: false);

    // Fits a 390px phone without scrolling: narrower nodes, the label split over two lines.
    private static readonly LayoutSize Narrow = new(Width: 340, NodeWidth: 118, NodeHeight: 74, MaxChars: 14, LabelCharWidth: 5.6, Compact: true);

    private readonly string markerId = "arrow-" + Guid.NewGuid().ToString("N")[..8];
    private List<Layout> layouts = [];

    [Parameter, EditorRequired]
    public LineageGraph? Graph { get; set; }

    /// <summary>The node of the page showing the diagram, drawn highlighted.</summary>
    [Parameter]
    public string? CurrentId { get; set; }

    [Parameter]
    public string EmptyText { get; set; } = "No datasets were recorded for this version.";

    [Parameter]
    public string AriaLabel { get; set; } = "Lineage";

    protected override void OnParametersSet() => layouts = Graph is null ? [] : [Arrange(Graph, Wide), Arrange(Graph, Narrow)];

    private static Layout Arrange(LineageGraph graph, LayoutSize size)
    {
        // Dataset versions feed model versions, so they stand on the left whichever of them the page is about.
        var left = graph.Nodes.Where(n => n.Kind == LineageGraph.DatasetVersionKind).ToList();
        // Environments a version is deployed to stand in a third column to its right.
        var environments = graph.Nodes.Where(n => n.Kind == EnvironmentKind).ToList();
        var right = graph.Nodes.Where(n => n.Kind != LineageGraph.DatasetVersionKind && n.Kind != EnvironmentKind).ToList();
        var rows = Math.Max(Math.Max(Math.Max(left.Count, right.Count), environments.Count), 1);
        var height = (rows * size.NodeHeight) + ((rows - 1) * RowGap) + (2 * Padding);
        if (environments.Count > 0)
        {
            size = size with { Width = size.Width + size.NodeWidth + (size.Compact ? 40 : 80) };
        }

        var middle = environments.Count > 0 ? size.Width - Padding - (2 * size.NodeWidth) - (size.Compact ? 40 : 80) : size.Width - Padding - size.NodeWidth;
        List<PlacedNode> nodes =
        [
            .. Place(left, Padding, rows, size), .. Place(right, middle, rows, size),
            .. Place(environments, size.Width - Padding - size.NodeWidth, rows, size),
        ];
        var byId = nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);

        // Edges leave and enter a node at spread-out points, and labels sit at staggered places along their curves,
        // so two roles between the same pair (training and validation on one dataset) never hide each other.
        var outgoing = graph.Edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.ToList());
        var incoming = graph.Edges.GroupBy(e => e.To).ToDictionary(g => g.Key, g => g.ToList());
        var edges = new List<PlacedEdge>();
        foreach (var edge in graph.Edges)
        {
            if (byId.TryGetValue(edge.From, out var from) && byId.TryGetValue(edge.To, out var to))
            {
                var pair = graph.Edges.Where(e => e.From == edge.From && e.To == edge.To).ToList();
                edges.Add(Connect(edge, from, to, size, Slot(outgoing[edge.From], edge, size), Slot(incoming[edge.To], edge, size), Stagger(pair, edge)));
            }
        }

        return new Layout(nodes, edges, size.Width, height, size.NodeWidth, size.NodeHeight, size.Compact);
    }

    private static IEnumerable<PlacedNode> Place(List<LineageNode> column, double x, int rows, LayoutSize size)
    {
        // A shorter column is centred against the longer one so the curves stay short.
        var offset = (rows - column.Count) * (size.NodeHeight + RowGap) / 2d;
        return column.OrderBy(n => n.Label, StringComparer.Ordinal)
            .Select((n, i) => new PlacedNode(n.Id, n.Kind, n.Label, n.Href, x, Padding + offset + (i * (size.NodeHeight + RowGap)), Lines(n.Label, size)));
    }

    private static double Slot(List<LineageEdge> siblings, LineageEdge edge, LayoutSize size)
    {
        var index = siblings.IndexOf(edge);
        return siblings.Count == 1 ? 0 : ((index / (siblings.Count - 1d)) - 0.5) * (size.NodeHeight - 16);
    }

    private static double Stagger(List<LineageEdge> pair, LineageEdge edge) =>
        pair.Count == 1 ? 0.5 : 0.3 + (0.4 * pair.IndexOf(edge) / (pair.Count - 1d));

    private static PlacedEdge Connect(LineageEdge edge, PlacedNode from, PlacedNode to, LayoutSize size, double fromSlot, double toSlot, double t)
    {
        var (x1, y1) = (from.X + size.NodeWidth, from.Y + (size.NodeHeight / 2d) + fromSlot);
        var (x2, y2) = (to.X - 2, to.Y + (size.NodeHeight / 2d) + toSlot);
        var bend = (x2 - x1) / 2;
        var path = FormattableString.Invariant($"M {x1:0.#} {y1:0.#} C {x1 + bend:0.#} {y1:0.#}, {x2 - bend:0.#} {y2:0.#}, {x2:0.#} {y2:0.#}");
        var label = EdgeText(edge.Kind);

        // The point at t on the cubic curve (its control points share the end points' heights).
        var u = 1 - t;
        var labelX = (u * u * u * x1) + (3 * u * u * t * (x1 + bend)) + (3 * u * t * t * (x2 - bend)) + (t * t * t * x2);
        var labelY = (u * u * u * y1) + (3 * u * u * t * y1) + (3 * u * t * t * y2) + (t * t * t * y2);
        return new PlacedEdge(edge.From, edge.To, edge.Kind, path, label, labelX, labelY, 12 + (label.Length * size.LabelCharWidth));
    }

    internal static string EdgeText(string kind) => kind switch
    {
        "trainedOn" => "training",
        "validatedOn" => "validation",
        "testedOn" => "test",
        DeployedToEdge => "deployed",
        _ => kind,
    };

    /// <summary>One line in the wide drawing; in the compact one the name and its version on separate lines.</summary>
    internal static IReadOnlyList<string> Lines(string label, LayoutSize size)
    {
        if (!size.Compact)
        {
            return [Truncate(label, size.MaxChars)];
        }

        var split = label.LastIndexOf(" @ ", StringComparison.Ordinal) is var at and > 0 ? at : label.LastIndexOf(" v", StringComparison.Ordinal);
        return split > 0
            ? [Truncate(label[..split], size.MaxChars), Truncate(label[(split + 1)..], size.MaxChars)]
            : [Truncate(label, size.MaxChars)];
    }

    /// <summary>Nodes and edges the deployments feature adds: where a version runs.</summary>
    public const string EnvironmentKind = LineageGraph.EnvironmentKind;
    public const string DeployedToEdge = LineageGraph.DeployedToEdge;

    private static string KindText(string kind) => kind switch
    {
        LineageGraph.DatasetVersionKind => "Dataset version",
        EnvironmentKind => "Environment",
        _ => "Model version",
    };

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string Px(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    internal sealed record LayoutSize(int Width, int NodeWidth, int NodeHeight, int MaxChars, double LabelCharWidth, bool Compact);

    private sealed record Layout(List<PlacedNode> Nodes, List<PlacedEdge> Edges, int Width, int Height, int NodeWidth, int NodeHeight, bool Compact);

    private sealed record PlacedNode(string Id, string Kind, string Label, string Href, double X, double Y, IReadOnlyList<string> Lines);

    private sealed record PlacedEdge(string From, string To, string Kind, string Path, string Label, double LabelX, double LabelY, double LabelWidth);
}
