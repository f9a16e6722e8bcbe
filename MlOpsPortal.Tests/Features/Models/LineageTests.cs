using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Models;

/// <summary>The lineage graphs the pages draw and the API serves: commit, pipeline runs, datasets and their upstream.</summary>
public sealed class LineageTests : IAsyncLifetime
{
    private const string Commit = "0123456789abcdef0123456789abcdef01234567";
    private PortalServices app = default!;

    public async Task InitializeAsync() => app = await PortalServices.StartAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    private ModelsService Models => app.Services.GetRequiredService<ModelsService>();

    private Datasets Datasets => app.Services.GetRequiredService<Datasets>();

    private Lineage Lineage => app.Services.GetRequiredService<Lineage>();

    [Fact]
    public async Task A_version_stands_after_its_commit_its_pipeline_runs_and_its_datasets_with_their_upstream()
    {
        await ChainAsync("raw-events", "clean-events", "churn-features");
        await Models.CreateModelAsync(Personas.Contributor, NewModel("churn-model"));
        await Models.RegisterVersionAsync(Personas.Contributor, "churn-model", NewVersion(
            "https://git.example/ml/churn.git", "https://ci.example/ml/churn/runs/104", new DatasetRef("churn-features", "v1", DatasetRole.Training)));
        await Models.RecordCiEvidenceAsync(Personas.Contributor, "churn-model", 1,
            new CiEvidenceInput(10, 0, 90, 0, new VulnerabilityCounts(0, 0, 0, 0), "https://ci.example/ml/churn/runs/105"));

        var graph = (await Lineage.GetVersionLineageAsync("churn-model", 1))!;

        var commit = Assert.Single(graph.Nodes, n => n.Kind == LineageGraph.CommitKind);
        Assert.Equal(("0123456", "https://git.example/ml/churn/commit/" + Commit, "churn"), (commit.Label, commit.Href, commit.Detail));
        var runs = graph.Nodes.Where(n => n.Kind == LineageGraph.PipelineRunKind).ToList();
        Assert.Equal(["run #104", "run #105"], runs.Select(r => r.Label));
        Assert.Equal(["https://ci.example/ml/churn/runs/104", "https://ci.example/ml/churn/runs/105"], runs.Select(r => r.Href));
        (string, string, string)[] expected =
            [
                (commit.Id, runs[0].Id, LineageGraph.SourceEdge), (commit.Id, runs[1].Id, LineageGraph.SourceEdge),
                (runs[0].Id, "model:churn-model/1", LineageGraph.ProducedEdge), (runs[1].Id, "model:churn-model/1", LineageGraph.CheckedEdge),
                ("dataset:churn-features/v1", "model:churn-model/1", "trainedOn"),
                ("dataset:clean-events/v1", "dataset:churn-features/v1", LineageGraph.DerivedEdge),
                ("dataset:raw-events/v1", "dataset:clean-events/v1", LineageGraph.DerivedEdge),
            ];
        Assert.Equal(expected.Order(), graph.Edges.Select(e => (e.From, e.To, e.Kind)).Order());
        Assert.Equal(graph.Nodes.Count, graph.Nodes.Select(n => n.Id).Distinct().Count());
    }

    [Fact]
    public async Task Without_a_pipeline_run_the_commit_feeds_the_version_and_a_repository_not_on_https_is_no_link()
    {
        await Models.CreateModelAsync(Personas.Contributor, NewModel("ssh-model"));
        await Models.RegisterVersionAsync(Personas.Contributor, "ssh-model", NewVersion("http://git.example/ml/ssh-model.git", null));

        var graph = (await Lineage.GetVersionLineageAsync("ssh-model", 1))!;

        var commit = Assert.Single(graph.Nodes, n => n.Kind == LineageGraph.CommitKind);
        Assert.Equal(("0123456", string.Empty, "ssh-model"), (commit.Label, commit.Href, commit.Detail));
        var edge = Assert.Single(graph.Edges, e => e.From == commit.Id);
        Assert.Equal(("model:ssh-model/1", LineageGraph.SourceEdge), (edge.To, edge.Kind));
        Assert.DoesNotContain(graph.Nodes, n => n.Kind == LineageGraph.PipelineRunKind);
    }

    [Fact]
    public async Task Upstream_is_followed_five_derivations_deep_and_no_further()
    {
        string[] chain = [.. Enumerable.Range(0, 8).Select(i => $"chain-{(char)('a' + i)}")];
        await ChainAsync(chain);

        var graph = (await Lineage.GetDatasetVersionLineageAsync(chain[^1], "v1"))!;

        Assert.Equal(chain[2..], graph.Nodes.Select(n => n.Id["dataset:".Length..^"/v1".Length]).Order());
        Assert.Equal(LineageGraph.MaxUpstreamDepth, graph.Edges.Count(e => e.Kind == LineageGraph.DerivedEdge));
    }

    [Fact]
    public async Task A_dataset_version_shows_what_it_came_from_what_was_derived_from_it_and_the_versions_that_used_it()
    {
        await ChainAsync("raw-events", "clean-events", "churn-features");
        await Models.CreateModelAsync(Personas.Contributor, NewModel("churn-model"));
        await Models.RegisterVersionAsync(Personas.Contributor, "churn-model", NewVersion(
            "https://git.example/ml/churn", null, new DatasetRef("clean-events", "v1", DatasetRole.Validation)));

        var graph = (await Lineage.GetDatasetVersionLineageAsync("clean-events", "v1"))!;

        (string, string, string)[] expected =
            [
                ("dataset:clean-events/v1", "dataset:churn-features/v1", LineageGraph.DerivedEdge),
                ("dataset:clean-events/v1", "model:churn-model/1", "validatedOn"),
                ("dataset:raw-events/v1", "dataset:clean-events/v1", LineageGraph.DerivedEdge),
            ];
        Assert.Equal(expected.Order(), graph.Edges.Select(e => (e.From, e.To, e.Kind)).Order());
        Assert.DoesNotContain(graph.Nodes, n => n.Kind == LineageGraph.CommitKind);
        Assert.Equal(new DatasetVersionRef("raw-events", "v1"), (await Datasets.GetDatasetAsync("clean-events"))!.Versions.Single().DerivedFrom);
    }

    /// <summary>Each dataset's v1 derived from the previous one's v1.</summary>
    private async Task ChainAsync(params string[] keys)
    {
        for (var i = 0; i < keys.Length; i++)
        {
            await Datasets.CreateDatasetAsync(Personas.Contributor, new DatasetInput(keys[i], "test data", "Data team"));
            await Datasets.AddDatasetVersionAsync(Personas.Contributor, keys[i], new DatasetVersionInput(
                "v1", $"s3://data/{keys[i]}/v1", new string('b', 64), 100, [], i == 0 ? null : new DatasetVersionRef(keys[i - 1], "v1")));
        }
    }

    private static ModelInput NewModel(string key) =>
        new(key, "Customer churn", "Predicts churn", "Dana Scientist", "Retail Banking", "Retention calls", RiskTier.High, ["retention"]);

    private static VersionInput NewVersion(string repository, string? run, params DatasetRef[] datasets) =>
        new("xgboost 2.1", "s3://models/churn/model.bin", new string('a', 64), repository, Commit, run, datasets, null, null, new ModelCard());
}
