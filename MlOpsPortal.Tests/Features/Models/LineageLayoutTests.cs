using MlOpsPortal.Features.Models;

namespace MlOpsPortal.Tests.Features.Models;

/// <summary>The drawing of a large lineage stays readable: nothing overlaps a node or a label, columns follow the flow.</summary>
public sealed class LineageLayoutTests
{
    private const string Center = "model:churn-model/7";

    /// <summary>
    /// 30 nodes: a commit, two runs, eleven datasets (two of them used twice), upstream chains up to four deep (one
    /// upstream also used directly, so its edge to the version skips a column), and six environments.
    /// </summary>
    private static LineageGraph ThirtyNodes()
    {
        var nodes = new List<LineageNode>
        {
            new(Center, LineageGraph.ModelVersionKind, "churn-model v7", "/models/churn-model/versions/7"),
            new("commit:https://git.example/ml/churn@0123456789", LineageGraph.CommitKind, "0123456", "https://git.example/ml/churn/commit/0123456789", "churn"),
            new("run:104", LineageGraph.PipelineRunKind, "run #104", "https://ci.example/runs/104", "ci.example"),
            new("run:105", LineageGraph.PipelineRunKind, "run #105", "https://ci.example/runs/105", "ci.example"),
        };
        var edges = new List<LineageEdge>
        {
            new(nodes[1].Id, "run:104", LineageGraph.SourceEdge), new(nodes[1].Id, "run:105", LineageGraph.SourceEdge),
            new("run:104", Center, LineageGraph.ProducedEdge), new("run:105", Center, LineageGraph.CheckedEdge),
        };
        string Dataset(string key, string label = "2026-11-01")
        {
            var id = $"dataset:{key}/{label}";
            nodes.Add(new(id, LineageGraph.DatasetVersionKind, $"{key} @ {label}", $"/datasets/{key}/versions/{label}"));
            return id;
        }

        string[] roles = ["trainedOn", "validatedOn", "testedOn"];
        var used = Enumerable.Range(0, 11).Select(i => Dataset(i == 3 ? "an-unusually-long-dataset-name-for-customer-transactions" : $"dataset-{i}")).ToList();
        for (var i = 0; i < used.Count; i++)
        {
            edges.Add(new(used[i], Center, roles[i % 3]));
        }

        edges.Add(new(used[0], Center, "validatedOn"));
        edges.Add(new(used[1], Center, "testedOn"));

        // Chains upstream: 4 deep behind dataset-0, 3 behind dataset-2, 2 behind dataset-5; 9 nodes.
        foreach (var (start, depth) in new[] { (0, 4), (2, 3), (5, 2) })
        {
            var downstream = used[start];
            for (var d = 1; d <= depth; d++)
            {
                var upstream = Dataset($"raw-{start}-{d}", "v" + d);
                edges.Add(new(upstream, downstream, LineageGraph.DerivedEdge));
                downstream = upstream;
            }
        }

        // raw-0-1 also fed the version directly: an edge over a column.
        edges.Add(new("dataset:raw-0-1/v1", Center, "testedOn"));

        foreach (var environment in new[] { "development", "staging", "production", "canary", "eu-production", "us-production" })
        {
            nodes.Add(new($"environment:{environment}", LineageGraph.EnvironmentKind, environment, "/deployments/1", "Deployed · re-approval required"));
            edges.Add(new(Center, $"environment:{environment}", environment == "canary" ? LineageGraph.RequestedForEdge : LineageGraph.DeployedToEdge));
        }

        return new LineageGraph(nodes, edges);
    }

    [Fact]
    public void The_test_graph_has_thirty_nodes()
    {
        Assert.Equal(30, ThirtyNodes().Nodes.Count);
    }

    [Fact]
    public void At_thirty_nodes_no_two_node_boxes_overlap()
    {
        var layout = LineageLayout.Arrange(ThirtyNodes(), Center);

        Assert.Equal(30, layout.Nodes.Count);
        foreach (var (a, i) in layout.Nodes.Select((n, i) => (n, i)))
        {
            foreach (var b in layout.Nodes.Skip(i + 1))
            {
                Assert.False(a.Box.Overlaps(b.Box), $"{a.Node.Id} overlaps {b.Node.Id}");
            }

            Assert.True(a.X >= 0 && a.Y >= 0 && a.X + a.Width <= layout.Width && a.Y + a.Height <= layout.Height, $"{a.Node.Id} leaves the drawing");
        }
    }

    [Fact]
    public void At_thirty_nodes_no_edge_crosses_a_label_or_a_node_it_does_not_join()
    {
        var layout = LineageLayout.Arrange(ThirtyNodes(), Center);

        Assert.Equal(ThirtyNodes().Edges.Count, layout.Edges.Count);
        var labels = layout.Edges.Select(e => e.LabelBox).Concat(layout.Nodes.Select(n => n.Box)).ToList();
        foreach (var edge in layout.Edges)
        {
            // Its own label sits on its own line; what it joins it touches at the ends.
            var others = layout.Edges.Where(e => e != edge).Select(e => (Name: $"label of {e.Edge.From} → {e.Edge.To}", e.LabelBox))
                .Concat(layout.Nodes.Where(n => n.Node.Id != edge.Edge.From && n.Node.Id != edge.Edge.To).Select(n => (Name: n.Node.Id, LabelBox: n.Box)));
            foreach (var (name, box) in others)
            {
                Assert.False(edge.Points.Any(box.Contains), $"{edge.Edge.From} → {edge.Edge.To} crosses {name}");
            }
        }

        foreach (var (a, i) in labels.Select((l, i) => (l, i)))
        {
            Assert.DoesNotContain(labels.Skip(i + 1), b => a.Overlaps(b));
        }
    }

    [Fact]
    public void Columns_run_from_sources_and_upstream_data_through_the_version_to_environments()
    {
        var layout = LineageLayout.Arrange(ThirtyNodes(), Center);
        double X(string id) => layout.Nodes.Single(n => n.Node.Id == id).X;

        Assert.True(X("commit:https://git.example/ml/churn@0123456789") < X("run:104"));
        Assert.Equal(X("run:104"), X("run:105"));
        Assert.True(X("run:104") < X(Center));
        Assert.True(X("dataset:raw-0-4/v4") < X("dataset:raw-0-3/v3"));
        Assert.True(X("dataset:raw-0-1/v1") < X("dataset:dataset-0/2026-11-01"));
        Assert.Equal(X("dataset:dataset-0/2026-11-01"), X("dataset:dataset-10/2026-11-01"));
        Assert.True(X("dataset:dataset-0/2026-11-01") < X(Center));
        Assert.True(X(Center) < X("environment:production"));
    }

    [Fact]
    public void A_name_too_long_for_its_node_ends_in_an_ellipsis_and_short_ones_are_whole()
    {
        var layout = LineageLayout.Arrange(ThirtyNodes(), Center);

        var longName = layout.Nodes.Single(n => n.Node.Id.Contains("unusually", StringComparison.Ordinal));
        Assert.EndsWith("…", longName.Name, StringComparison.Ordinal);
        Assert.StartsWith(longName.Name[..^1], longName.Node.Label, StringComparison.Ordinal);
        Assert.All(layout.Nodes.Where(n => n != longName), n => Assert.Equal(n.Node.Label, n.Name));
        Assert.All(layout.Nodes, n => Assert.Equal(n.Node.Detail, n.Detail));
    }
}
