using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Models;

/// <summary>
/// Where a model version or a dataset version came from and where it went, as graphs for the lineage diagram and the
/// API: source commit → pipeline runs → version, upstream dataset versions → dataset versions → version. Features above
/// the registry add their part (the environments a version is deployed to) through <see cref="IVersionLineageExtension"/>.
/// </summary>
public sealed class Lineage(IDbContextFactory<PortalDbContext> dbFactory, IEnumerable<IVersionLineageExtension> extensions)
{
    /// <summary>Commit, pipeline runs and dataset versions (with their upstream) → the model version → environments.</summary>
    public async Task<LineageGraph?> GetVersionLineageAsync(string key, int number, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var version = await db.ModelVersions.AsNoTracking()
            .Where(v => v.Model!.Key == key && v.Number == number)
            .Select(v => new
            {
                v.SourceRepository,
                v.SourceCommit,
                v.PipelineRunUrl,
                CiRuns = v.CiEvidence.OrderBy(e => e.RecordedAtUtc).Select(e => e.PipelineRunUrl).ToList(),
                Links = v.Datasets.Select(l => new { l.DatasetVersionId, Dataset = l.DatasetVersion!.Dataset!.Key, l.DatasetVersion.Label, l.Role }).ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (version is null)
        {
            return null;
        }

        var graph = new GraphBuilder();
        var center = graph.Add(VersionNode(key, number));
        foreach (var link in version.Links)
        {
            graph.Add(DatasetNode(link.Dataset, link.Label));
            graph.Connect(DatasetId(link.Dataset, link.Label), center.Id, EdgeKind(link.Role));
        }

        await AddUpstreamAsync(db, graph, version.Links.Select(l => l.DatasetVersionId).Distinct().ToList(), cancellationToken);
        AddBuild(graph, center.Id, version.SourceRepository, version.SourceCommit, version.PipelineRunUrl, version.CiRuns);

        var result = graph.Build();
        foreach (var extension in extensions)
        {
            result = await extension.ExtendAsync(key, number, result, cancellationToken);
        }

        return result;
    }

    /// <summary>Upstream dataset versions → the dataset version → the dataset versions derived from it and the model versions that used it.</summary>
    public async Task<LineageGraph?> GetDatasetVersionLineageAsync(string datasetKey, string label, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var version = await db.DatasetVersions.AsNoTracking()
            .Where(v => v.Dataset!.Key == datasetKey && v.Label == label)
            .Select(v => new
            {
                v.Id,
                Uses = v.UsedBy.Select(l => new { Model = l.ModelVersion!.Model!.Key, l.ModelVersion.Number, l.Role }).ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (version is null)
        {
            return null;
        }

        var graph = new GraphBuilder();
        var center = graph.Add(DatasetNode(datasetKey, label));
        foreach (var use in version.Uses)
        {
            graph.Add(VersionNode(use.Model, use.Number));
            graph.Connect(center.Id, VersionNode(use.Model, use.Number).Id, EdgeKind(use.Role));
        }

        var derived = await db.DatasetVersions.AsNoTracking().Where(v => v.DerivedFromId == version.Id)
            .OrderBy(v => v.Dataset!.Key).ThenBy(v => v.Label)
            .Select(v => new { Dataset = v.Dataset!.Key, v.Label })
            .ToListAsync(cancellationToken);
        foreach (var child in derived)
        {
            graph.Add(DatasetNode(child.Dataset, child.Label));
            graph.Connect(center.Id, DatasetId(child.Dataset, child.Label), LineageGraph.DerivedEdge);
        }

        await AddUpstreamAsync(db, graph, [version.Id], cancellationToken);
        return graph.Build();
    }

    /// <summary>
    /// Follows derivations upstream a level at a time, at most <see cref="LineageGraph.MaxUpstreamDepth"/> levels, so a
    /// long chain (or a loop written to the database by hand) stays a bounded drawing.
    /// </summary>
    private static async Task AddUpstreamAsync(PortalDbContext db, GraphBuilder graph, List<int> start, CancellationToken cancellationToken)
    {
        var seen = new HashSet<int>(start);
        var frontier = start;
        for (var depth = 0; depth < LineageGraph.MaxUpstreamDepth && frontier.Count > 0; depth++)
        {
            var ids = frontier;
            var steps = await db.DatasetVersions.AsNoTracking()
                .Where(v => ids.Contains(v.Id) && v.DerivedFromId != null)
                .Select(v => new
                {
                    Dataset = v.Dataset!.Key,
                    v.Label,
                    UpstreamId = v.DerivedFromId!.Value,
                    UpstreamDataset = v.DerivedFrom!.Dataset!.Key,
                    UpstreamLabel = v.DerivedFrom.Label,
                })
                .ToListAsync(cancellationToken);
            frontier = [];
            foreach (var step in steps)
            {
                graph.Add(DatasetNode(step.UpstreamDataset, step.UpstreamLabel));
                graph.Connect(DatasetId(step.UpstreamDataset, step.UpstreamLabel), DatasetId(step.Dataset, step.Label), LineageGraph.DerivedEdge);
                if (seen.Add(step.UpstreamId))
                {
                    frontier.Add(step.UpstreamId);
                }
            }
        }
    }

    /// <summary>The commit the version was built from and the pipeline runs that produced and checked it.</summary>
    private static void AddBuild(GraphBuilder graph, string center, string repository, string commit, string? producedBy, List<string?> ciRuns)
    {
        var runs = new List<(string Url, string Edge)>();
        if (!string.IsNullOrWhiteSpace(producedBy))
        {
            runs.Add((producedBy, LineageGraph.ProducedEdge));
        }

        runs.AddRange(ciRuns.OfType<string>().Where(u => !string.IsNullOrWhiteSpace(u) && u != producedBy).Distinct(StringComparer.Ordinal)
            .Select(u => (u, LineageGraph.CheckedEdge)));
        foreach (var (url, edge) in runs)
        {
            graph.Add(LineageSources.PipelineRun(url));
            graph.Connect(LineageSources.PipelineRunId(url), center, edge);
        }

        if (string.IsNullOrWhiteSpace(commit))
        {
            return;
        }

        var source = graph.Add(LineageSources.Commit(repository, commit));
        var targets = runs.Count == 0 ? [center] : runs.Select(r => LineageSources.PipelineRunId(r.Url));
        foreach (var target in targets.Distinct(StringComparer.Ordinal))
        {
            graph.Connect(source.Id, target, LineageGraph.SourceEdge);
        }
    }

    private static string DatasetId(string dataset, string label) => $"dataset:{dataset}/{label}";

    private static LineageNode VersionNode(string model, int number) =>
        new($"model:{model}/{number}", LineageGraph.ModelVersionKind, $"{model} v{number}", RegistryLinks.ModelVersion(model, number));

    private static LineageNode DatasetNode(string dataset, string label) =>
        new(DatasetId(dataset, label), LineageGraph.DatasetVersionKind, $"{dataset} @ {label}", RegistryLinks.DatasetVersion(dataset, label));

    private static string EdgeKind(DatasetRole role) => role switch
    {
        DatasetRole.Training => "trainedOn",
        DatasetRole.Validation => "validatedOn",
        _ => "testedOn",
    };

    /// <summary>Nodes once each, edges once each, in the order they were found.</summary>
    private sealed class GraphBuilder
    {
        private readonly List<LineageNode> nodes = [];
        private readonly Dictionary<string, LineageNode> byId = new(StringComparer.Ordinal);
        private readonly List<LineageEdge> edges = [];
        private readonly HashSet<LineageEdge> edgeSet = [];

        public LineageNode Add(LineageNode node)
        {
            if (byId.TryGetValue(node.Id, out var existing))
            {
                return existing;
            }

            byId[node.Id] = node;
            nodes.Add(node);
            return node;
        }

        public void Connect(string from, string to, string kind)
        {
            var edge = new LineageEdge(from, to, kind);
            if (edgeSet.Add(edge))
            {
                edges.Add(edge);
            }
        }

        public LineageGraph Build() => new([.. nodes], [.. edges]);
    }
}
