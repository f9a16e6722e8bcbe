using Bunit;
using MudBlazor.Services;
using MlOpsPortal.Features.Models;

namespace MlOpsPortal.Tests.Features.Models;

public sealed class LineageDiagramTests : BunitContext
{
    public LineageDiagramTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

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

        var wide = cut.Find("svg.lineage");
        var links = wide.QuerySelectorAll("a[data-node]");
        Assert.Equal(Graph.Nodes.Select(n => (n.Id, n.Href)).Order(), links.Select(a => (a.GetAttribute("data-node")!, a.GetAttribute("href")!)).Order());
        Assert.All(links, a => Assert.False(string.IsNullOrEmpty(a.GetAttribute("aria-label"))));
        Assert.Equal("page", wide.QuerySelector("a[data-node='model:churn/2']")!.GetAttribute("aria-current"));
        Assert.Contains("Dataset version: customers @ v1", wide.QuerySelector("a[data-node='dataset:customers/v1']")!.GetAttribute("aria-label"), StringComparison.Ordinal);

        var edges = wide.QuerySelectorAll("[data-edge]");
        Assert.Equal(["trainedOn", "validatedOn", "testedOn"], edges.Select(e => e.GetAttribute("data-edge")!));
        Assert.Equal(["training", "validation", "test"], wide.QuerySelectorAll(".lineage-edge-label text").Select(t => t.TextContent));
    }

    [Fact]
    public void Dataset_versions_stand_left_of_the_model_versions_they_fed()
    {
        var cut = Render<LineageDiagram>(p => p.Add(d => d.Graph, Graph));

        double X(string id) => double.Parse(cut.Find($"svg.lineage a[data-node='{id}'] rect").GetAttribute("x")!, System.Globalization.CultureInfo.InvariantCulture);
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

    [Fact]
    public void Zoom_buttons_are_labelled_step_the_drawing_and_fit_shows_it_all_in_the_page_width()
    {
        var cut = Render<LineageDiagram>(p => p.Add(d => d.Graph, Graph));
        string Style() => cut.Find("svg.lineage").GetAttribute("style")!;
        var auto = Style();

        Assert.Equal("Zoom in", cut.Find("[data-testid='lineage-zoom-in']").GetAttribute("aria-label"));
        Assert.Equal("Zoom out", cut.Find("[data-testid='lineage-zoom-out']").GetAttribute("aria-label"));
        // At first the page's width, but never so small that a phone could not read it.
        Assert.Contains("width: 100%", auto, StringComparison.Ordinal);
        Assert.Contains("min-width", auto, StringComparison.Ordinal);
        Assert.Equal("Auto", cut.Find("[data-testid='lineage-zoom-level']").TextContent);

        cut.Find("[data-testid='lineage-zoom-in']").Click();
        Assert.Equal("125%", cut.Find("[data-testid='lineage-zoom-level']").TextContent);
        var zoomed = Width(Style());
        cut.Find("[data-testid='lineage-zoom-out']").Click();
        Assert.Equal("100%", cut.Find("[data-testid='lineage-zoom-level']").TextContent);
        Assert.True(Width(Style()) < zoomed);

        for (var i = 0; i < LineageDiagram.Steps.Length; i++)
        {
            if (!cut.Find("[data-testid='lineage-zoom-out']").HasAttribute("disabled"))
            {
                cut.Find("[data-testid='lineage-zoom-out']").Click();
            }
        }

        Assert.Equal("50%", cut.Find("[data-testid='lineage-zoom-level']").TextContent);
        Assert.True(cut.Find("[data-testid='lineage-zoom-out']").HasAttribute("disabled"));

        cut.Find("[data-testid='lineage-fit']").Click();
        Assert.Equal("Fit", cut.Find("[data-testid='lineage-zoom-level']").TextContent);
        Assert.Contains("width: 100%", Style(), StringComparison.Ordinal);
        Assert.DoesNotContain("min-width", Style(), StringComparison.Ordinal);
        Assert.True(cut.Find("[data-testid='lineage-fit']").HasAttribute("disabled"));
        Assert.Equal("0", cut.Find("[data-testid='lineage-viewport']").GetAttribute("tabindex"));
    }

    [Fact]
    public void A_node_with_nowhere_to_go_is_no_link_and_a_cut_name_keeps_its_whole_text_in_the_title()
    {
        var name = "an-unusually-long-dataset-name-for-customer-transactions @ 2026-11-01";
        var graph = new LineageGraph(
            [
                new("commit:x@abc", LineageGraph.CommitKind, "abc1234", string.Empty, "churn"),
                new("dataset:long/1", LineageGraph.DatasetVersionKind, name, "/datasets/long/versions/1"),
                new("model:churn/2", LineageGraph.ModelVersionKind, "churn v2", "/models/churn/versions/2"),
            ],
            [new("commit:x@abc", "model:churn/2", LineageGraph.SourceEdge), new("dataset:long/1", "model:churn/2", "trainedOn")]);

        var cut = Render<LineageDiagram>(p => p.Add(d => d.Graph, graph));

        Assert.False(cut.Find("[data-node='commit:x@abc']").HasAttribute("href"));
        var dataset = cut.Find("[data-node='dataset:long/1']");
        Assert.EndsWith("…", dataset.QuerySelector(".lineage-name")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(name, dataset.QuerySelector("title")!.TextContent, StringComparison.Ordinal);
    }

    private static double Width(string style) =>
        double.Parse(System.Text.RegularExpressions.Regex.Match(style, @"width: (\d+)px").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
}
