using Bunit;
using MudBlazor.Services;
using MlOpsPortal.Features.Models;

namespace MlOpsPortal.Tests.Features.Models;

public sealed class LineageDiagramTests : BunitContext
{
    public LineageDiagramTests() => Services.AddMudServices();

    private static readonly LineageGraph Graph = new(
        [
            new("dataset:customers/v1", LineageGraph.DatasetVersionKind, "customers @ v1", "/datasets/customers/versions/v1"),
            new("dataset:holdout/q3", LineageGraph.DatasetVersionKind, "holdout @ q3", "/datasets/holdout/versions/q3"),
            new("model:churn/2", LineageGraph.ModelVersionKind, "churn v2", "/models/churn/versions/2"),
        ],
        [
            new("dataset:customers/v1", "model:churn/2", "trainedOn"),
            new("dataset:customers/v1", "model:churn/2", "validatedOn"),
            new("dataset:holdout/q3", "model:churn/2", "testedOn"),
        ]);

    [Fact]
    public void Every_node_is_a_labelled_link_and_every_edge_is_drawn_with_its_role()
    {
        var cut = Render<LineageDiagram>(p => p.Add(d => d.Graph, Graph).Add(d => d.CurrentId, "model:churn/2"));

        var wide = cut.Find("svg.lineage-wide");
        var links = wide.QuerySelectorAll("a[data-node]");
        Assert.Equal(Graph.Nodes.Select(n => (n.Id, n.Href)).Order(), links.Select(a => (a.GetAttribute("data-node")!, a.GetAttribute("href")!)).Order());
        Assert.All(links, a => Assert.False(string.IsNullOrEmpty(a.GetAttribute("aria-label"))));
        Assert.Equal("page", wide.QuerySelector("a[data-node='model:churn/2']")!.GetAttribute("aria-current"));
        Assert.Contains("Dataset version customers @ v1", wide.QuerySelector("a[data-node='dataset:customers/v1']")!.GetAttribute("aria-label"), StringComparison.Ordinal);

        var edges = wide.QuerySelectorAll("[data-edge]");
        Assert.Equal(["trainedOn", "validatedOn", "testedOn"], edges.Select(e => e.GetAttribute("data-edge")!));
        Assert.Equal(["training", "validation", "test"], edges.Select(e => e.QuerySelector("text")!.TextContent));

        // The phone drawing shows the same graph.
        var compact = cut.Find("svg.lineage-compact");
        Assert.Equal(3, compact.QuerySelectorAll("a[data-node]").Length);
        Assert.Equal(3, compact.QuerySelectorAll("[data-edge]").Length);
    }

    [Fact]
    public void Dataset_versions_stand_left_of_the_model_versions_they_fed()
    {
        var cut = Render<LineageDiagram>(p => p.Add(d => d.Graph, Graph));

        double X(string id) => double.Parse(cut.Find($"svg.lineage-wide a[data-node='{id}'] rect").GetAttribute("x")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(X("dataset:customers/v1") < X("model:churn/2"));
        Assert.Equal(X("dataset:customers/v1"), X("dataset:holdout/q3"));
    }

    [Fact]
    public void A_version_without_datasets_says_so()
    {
        var cut = Render<LineageDiagram>(p => p.Add(d => d.Graph, new LineageGraph([new("model:churn/1", LineageGraph.ModelVersionKind, "churn v1", "/models/churn/versions/1")], [])));

        Assert.Contains("No datasets were recorded for this version", cut.Find("[data-testid='lineage-empty']").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("svg.lineage"));
    }
}
