using System.Globalization;

namespace MlOpsPortal.Features.Models;

/// <summary>
/// Places a lineage graph in columns by distance from the node the page is about (sources, commits and upstream
/// datasets → datasets → the version → environments), so data flows left to right and every edge runs between
/// neighbouring columns (a longer edge passes through the columns between in a slot of its own).
/// </summary>
/// <remarks>
/// Nothing is drawn over a label. Curves stay in the gap between two columns; each column has a lane before it where
/// every incoming edge runs straight at its own port, and an edge's label sits on its own straight part in that lane.
/// Ports are <see cref="PortGap"/> apart (taller than a label), and nodes grow to fit their ports, so neither another
/// edge nor a node reaches a label box.
/// </remarks>
internal static class LineageLayout
{
    public const double Padding = 12;
    public const double RowGap = 24;
    public const double CurveGap = 56;
    public const double PortGap = 26;
    public const double LabelHeight = 18;
    public const double MinNodeWidth = 150;
    public const double MaxNodeWidth = 320;
    public const double TextInset = 12;
    private const double ArrowRoom = 10;

    // Generous per-character widths for the fonts the stylesheet sets, so an estimate never cuts a glyph.
    private const double NameCharWidth = 7.6;
    private const double KindCharWidth = 7.6;
    private const double DetailCharWidth = 6.6;
    private const double LabelCharWidth = 6.6;

    public static Layout Arrange(LineageGraph graph, string? centerId)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var nodes = graph.Nodes.DistinctBy(n => n.Id).ToDictionary(n => n.Id, StringComparer.Ordinal);
        var edges = graph.Edges.Where(e => nodes.ContainsKey(e.From) && nodes.ContainsKey(e.To) && e.From != e.To).Distinct().ToList();
        var center = centerId is not null && nodes.ContainsKey(centerId) ? centerId
            : graph.Nodes.FirstOrDefault(n => n.Kind == LineageGraph.ModelVersionKind)?.Id ?? (graph.Nodes.Count > 0 ? graph.Nodes[0].Id : null);
        if (center is null)
        {
            return new Layout([], [], 0, 0);
        }

        var layers = Layers(nodes.Keys, edges, center);
        edges = [.. edges.Where(e => layers[e.From] < layers[e.To])];

        // Every edge becomes segments between neighbouring columns, through a pass-through slot per column it crosses.
        var slots = nodes.Values.Select(n => new Slot(n.Id, layers[n.Id], n)).ToDictionary(s => s.Id, StringComparer.Ordinal);
        var chains = new List<List<Slot>>();
        for (var i = 0; i < edges.Count; i++)
        {
            var chain = new List<Slot> { slots[edges[i].From] };
            for (var layer = layers[edges[i].From] + 1; layer < layers[edges[i].To]; layer++)
            {
                var through = new Slot($"~{i}/{layer.ToString(CultureInfo.InvariantCulture)}", layer, null);
                slots[through.Id] = through;
                chain.Add(through);
            }

            chain.Add(slots[edges[i].To]);
            chains.Add(chain);
        }

        var segments = chains.Select((c, i) => c.Zip(c.Skip(1), (from, to) => new Segment(from, to, i)).ToList()).ToList();
        foreach (var segment in segments.SelectMany(s => s))
        {
            segment.From.Out.Add(segment);
            segment.To.In.Add(segment);
        }

        var columns = Order(slots.Values, center);
        var widths = columns.ToDictionary(c => c.Key, c => Math.Clamp(c.Value.Where(s => s.Node is not null).Select(s => NeededWidth(s.Node!)).DefaultIfEmpty(MinNodeWidth).Max(), MinNodeWidth, MaxNodeWidth));
        var laneWidth = edges.Select(e => LabelWidth(EdgeText(e.Kind))).DefaultIfEmpty(0).Max() + ArrowRoom + 12;

        // Columns left to right: a lane for incoming edges, then the nodes.
        var x = Padding;
        var first = true;
        foreach (var (layer, column) in columns)
        {
            if (!first)
            {
                x += CurveGap;
            }

            var laneStart = x;
            x += first ? 0 : laneWidth;
            foreach (var slot in column)
            {
                (slot.LaneStart, slot.X, slot.Width) = (laneStart, x, widths[layer]);
            }

            x += widths[layer];
            first = false;
        }

        var tallest = columns.Values.Select(ColumnHeight).Max();
        foreach (var column in columns.Values)
        {
            var y = Padding + ((tallest - ColumnHeight(column)) / 2);
            foreach (var slot in column)
            {
                slot.Y = y;
                slot.Height = SlotHeight(slot);
                y += slot.Height + RowGap;
            }
        }

        foreach (var slot in slots.Values)
        {
            // Ports follow where the other end stands, so the edges into (or out of) one node never cross each other.
            slot.In.Sort((a, b) => (a.From.Middle, a.Edge).CompareTo((b.From.Middle, b.Edge)));
            slot.Out.Sort((a, b) => (a.To.Middle, a.Edge).CompareTo((b.To.Middle, b.Edge)));
        }

        var placedNodes = nodes.Values.Select(n => Place(slots[n.Id])).ToList();
        var placedEdges = edges.Select((e, i) => Route(e, segments[i], laneWidth)).ToList();
        return new Layout(placedNodes, placedEdges, x + Padding, tallest + (2 * Padding));
    }

    /// <summary>
    /// Upstream nodes stand as many columns left of the centre as their longest path to it, downstream ones as many to
    /// the right as their longest path from it; a node neither side of it stands one column before what it feeds.
    /// </summary>
    private static Dictionary<string, int> Layers(IEnumerable<string> ids, List<LineageEdge> edges, string center)
    {
        var forward = edges.ToLookup(e => e.From, e => e.To, StringComparer.Ordinal);
        var backward = edges.ToLookup(e => e.To, e => e.From, StringComparer.Ordinal);
        var up = Longest(center, backward);
        var down = Longest(center, forward);
        var layers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            layers[id] = up.TryGetValue(id, out var u) && u > 0 ? -u : down.TryGetValue(id, out var d) ? d : int.MinValue;
        }

        for (var pass = 0; pass < layers.Count && layers.ContainsValue(int.MinValue); pass++)
        {
            foreach (var id in layers.Keys.Where(k => layers[k] == int.MinValue).ToList())
            {
                var fed = forward[id].Where(t => layers[t] != int.MinValue).Select(t => layers[t] - 1)
                    .Concat(backward[id].Where(f => layers[f] != int.MinValue).Select(f => layers[f] + 1)).ToList();
                if (fed.Count > 0)
                {
                    layers[id] = fed.Min();
                }
            }
        }

        foreach (var id in layers.Keys.Where(k => layers[k] == int.MinValue).ToList())
        {
            layers[id] = 0;
        }

        return layers;
    }

    /// <summary>The longest path from <paramref name="start"/> to each node it reaches; a loop is cut where it closes.</summary>
    private static Dictionary<string, int> Longest(string start, ILookup<string, string> next)
    {
        var best = new Dictionary<string, int>(StringComparer.Ordinal) { [start] = 0 };
        var onPath = new HashSet<string>(StringComparer.Ordinal) { start };

        void Visit(string id, int depth)
        {
            foreach (var n in next[id])
            {
                if (onPath.Contains(n) || (best.TryGetValue(n, out var known) && known >= depth + 1))
                {
                    continue;
                }

                best[n] = depth + 1;
                onPath.Add(n);
                Visit(n, depth + 1);
                onPath.Remove(n);
            }
        }

        Visit(start, 0);
        return best;
    }

    /// <summary>
    /// The centre column keeps the centre first; each column outwards is ordered by where its neighbours towards the
    /// centre stand, so edges seldom cross.
    /// </summary>
    private static SortedDictionary<int, List<Slot>> Order(IEnumerable<Slot> slots, string center)
    {
        var columns = new SortedDictionary<int, List<Slot>>(slots.GroupBy(s => s.Layer).ToDictionary(g => g.Key, g => g.ToList()));
        var position = new Dictionary<Slot, double>();
        void Number(List<Slot> column)
        {
            for (var i = 0; i < column.Count; i++)
            {
                position[column[i]] = i;
            }
        }

        if (columns.TryGetValue(0, out var middle))
        {
            middle.Sort((a, b) => (a.Id == center ? 0 : 1).CompareTo(b.Id == center ? 0 : 1) is var c and not 0 ? c : Compare(a, b));
            Number(middle);
        }

        foreach (var layer in columns.Keys.Where(l => l < 0).OrderByDescending(l => l))
        {
            Sort(columns[layer], s => s.Out.Select(o => o.To), position);
            Number(columns[layer]);
        }

        foreach (var layer in columns.Keys.Where(l => l > 0).Order())
        {
            Sort(columns[layer], s => s.In.Select(i => i.From), position);
            Number(columns[layer]);
        }

        return columns;
    }

    private static void Sort(List<Slot> column, Func<Slot, IEnumerable<Slot>> towardsCenter, Dictionary<Slot, double> position)
    {
        double Barycenter(Slot s) => towardsCenter(s).Where(position.ContainsKey).Select(n => position[n]).DefaultIfEmpty(double.MaxValue).Average();
        var keys = column.ToDictionary(s => s, Barycenter);
        column.Sort((a, b) => keys[a].CompareTo(keys[b]) is var c and not 0 ? c : Compare(a, b));
    }

    private static int Compare(Slot a, Slot b) =>
        KindOrder(a.Node?.Kind).CompareTo(KindOrder(b.Node?.Kind)) is var c and not 0 ? c : string.CompareOrdinal(a.Node?.Label ?? a.Id, b.Node?.Label ?? b.Id);

    private static int KindOrder(string? kind) => kind switch
    {
        LineageGraph.CommitKind => 0,
        LineageGraph.PipelineRunKind => 1,
        LineageGraph.DatasetVersionKind => 2,
        LineageGraph.ModelVersionKind => 3,
        LineageGraph.EnvironmentKind => 4,
        null => 6,
        _ => 5,
    };

    private static double ColumnHeight(List<Slot> column) => column.Sum(SlotHeight) + ((column.Count - 1) * RowGap);

    /// <summary>A node is tall enough for its text and for its ports, a pass-through for one port.</summary>
    private static double SlotHeight(Slot slot) => slot.Node is null
        ? PortGap
        : Math.Max(slot.Node.Detail is null ? 56 : 74, Math.Max(slot.In.Count, slot.Out.Count) * PortGap);

    private static double NeededWidth(LineageNode node) => (2 * TextInset) + Math.Max(
        Math.Max(node.Label.Length * NameCharWidth, KindText(node.Kind).Length * KindCharWidth), (node.Detail?.Length ?? 0) * DetailCharWidth);

    public static double LabelWidth(string text) => 14 + (text.Length * LabelCharWidth);

    private static PlacedNode Place(Slot slot)
    {
        var node = slot.Node!;
        var room = slot.Width - (2 * TextInset);
        return new PlacedNode(node, slot.X, slot.Y, slot.Width, slot.Height,
            Fit(node.Label, room, NameCharWidth), node.Detail is null ? null : Fit(node.Detail, room, DetailCharWidth));
    }

    /// <summary>Cuts text that would not fit with an ellipsis; the node's title keeps it whole.</summary>
    private static string Fit(string text, double room, double charWidth)
    {
        var max = Math.Max(4, (int)Math.Floor(room / charWidth));
        return text.Length <= max ? text : text[..(max - 1)] + "…";
    }

    private static PlacedEdge Route(LineageEdge edge, List<Segment> chain, double laneWidth)
    {
        var path = new System.Text.StringBuilder();
        var points = new List<(double X, double Y)>();
        for (var i = 0; i < chain.Count; i++)
        {
            var (from, to) = (chain[i].From, chain[i].To);
            var (x1, y1) = (from.X + from.Width, Port(from, from.Out.IndexOf(chain[i]), from.Out.Count));
            var (x2, y2) = (to.LaneStart, Port(to, to.In.IndexOf(chain[i]), to.In.Count));
            var end = to.Node is null ? to.X + to.Width : to.X - 2;
            if (i == 0)
            {
                path.Append(Invariant($"M {x1:0.#} {y1:0.#}"));
                points.Add((x1, y1));
            }

            var bend = (x2 - x1) / 2;
            path.Append(Invariant($" C {x1 + bend:0.#} {y1:0.#}, {x2 - bend:0.#} {y2:0.#}, {x2:0.#} {y2:0.#} L {end:0.#} {y2:0.#}"));
            for (var t = 0.05; t <= 1.0001; t += 0.05)
            {
                var u = 1 - t;
                points.Add(((u * u * u * x1) + (3 * u * u * t * (x1 + bend)) + (3 * u * t * t * (x2 - bend)) + (t * t * t * x2), (u * u * u * y1) + (3 * u * u * t * y1) + (3 * u * t * t * y2) + (t * t * t * y2)));
            }

            points.Add((end, y2));
        }

        var target = chain[^1].To;
        var y = Port(target, target.In.IndexOf(chain[^1]), target.In.Count);
        var text = EdgeText(edge.Kind);
        var width = LabelWidth(text);
        var label = new Box(target.LaneStart + ((laneWidth - ArrowRoom - width) / 2), y - (LabelHeight / 2), width, LabelHeight);
        return new PlacedEdge(edge, path.ToString(), text, label, points);
    }

    private static double Port(Slot slot, int index, int count) =>
        slot.Y + (slot.Height / 2) + ((index - ((count - 1) / 2d)) * PortGap);

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    public static string EdgeText(string kind) => kind switch
    {
        "trainedOn" => "training",
        "validatedOn" => "validation",
        "testedOn" => "test",
        LineageGraph.DeployedToEdge => "deployed",
        LineageGraph.RequestedForEdge => "requested",
        LineageGraph.SourceEdge => "source",
        LineageGraph.ProducedEdge => "produced",
        LineageGraph.CheckedEdge => "CI checks",
        LineageGraph.DerivedEdge => "derived",
        _ => kind,
    };

    public static string KindText(string kind) => kind switch
    {
        LineageGraph.DatasetVersionKind => "Dataset version",
        LineageGraph.EnvironmentKind => "Environment",
        LineageGraph.CommitKind => "Source commit",
        LineageGraph.PipelineRunKind => "Pipeline run",
        _ => "Model version",
    };

    public sealed record Box(double X, double Y, double Width, double Height)
    {
        public bool Overlaps(Box other) =>
            X < other.X + other.Width && other.X < X + Width && Y < other.Y + other.Height && other.Y < Y + Height;

        public bool Contains((double X, double Y) point) =>
            point.X > X && point.X < X + Width && point.Y > Y && point.Y < Y + Height;
    }

    public sealed record Layout(IReadOnlyList<PlacedNode> Nodes, IReadOnlyList<PlacedEdge> Edges, double Width, double Height);

    public sealed record PlacedNode(LineageNode Node, double X, double Y, double Width, double Height, string Name, string? Detail)
    {
        public Box Box => new(X, Y, Width, Height);
    }

    /// <param name="Points">The drawn path sampled along its length, for checking what it passes through.</param>
    public sealed record PlacedEdge(LineageEdge Edge, string Path, string Label, Box LabelBox, IReadOnlyList<(double X, double Y)> Points);

    /// <summary>One step of an edge between neighbouring columns.</summary>
    private sealed record Segment(Slot From, Slot To, int Edge);

    private sealed class Slot(string id, int layer, LineageNode? node)
    {
        public string Id { get; } = id;
        public int Layer { get; } = layer;
        public LineageNode? Node { get; } = node;
        public List<Segment> In { get; } = [];
        public List<Segment> Out { get; } = [];
        public double LaneStart { get; set; }
        public double X { get; set; }
        public double Y { get; set; }
        public double Width { get; set; }
        public double Height { get; set; }
        public double Middle => Y + (Height / 2);
    }
}
