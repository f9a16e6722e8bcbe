using MlOpsPortal.Features.Models;

namespace MlOpsPortal.Features.Deployments;

/// <summary>The environments a version runs in, drawn to the right of it in its lineage.</summary>
internal sealed class DeployedEnvironmentsLineage(DeploymentRequests requests) : IVersionLineageExtension
{
    public async Task<LineageGraph> ExtendAsync(string modelKey, int version, LineageGraph graph, CancellationToken cancellationToken = default)
    {
        var running = (await requests.ForModelAsync(modelKey, cancellationToken))
            .Where(r => r.Version == version && r.State is DeploymentState.Deployed or DeploymentState.ReapprovalRequired)
            .ToList();
        var node = $"model:{modelKey}/{version}";
        var nodes = running.Select(r => new LineageNode($"environment:{r.Environment}", LineageGraph.EnvironmentKind,
            r.State == DeploymentState.ReapprovalRequired ? $"{r.Environment} (re-approval)" : r.Environment, DeploymentLinks.Request(r.Id)));
        var edges = running.Select(r => new LineageEdge(node, $"environment:{r.Environment}", LineageGraph.DeployedToEdge));
        return new LineageGraph([.. graph.Nodes, .. nodes], [.. graph.Edges, .. edges]);
    }
}
