using MlOpsPortal.Features.Models;

namespace MlOpsPortal.Features.Deployments;

/// <summary>
/// Each environment a version is deployed to, or requested for, drawn to the right of it with the state of its latest
/// request there; the node leads to that request.
/// </summary>
internal sealed class DeployedEnvironmentsLineage(DeploymentRequests requests) : IVersionLineageExtension
{
    public async Task<LineageGraph> ExtendAsync(string modelKey, int version, LineageGraph graph, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var latest = (await requests.ForModelAsync(modelKey, cancellationToken))
            .Where(r => r.Version == version && Shown(r.State))
            .GroupBy(r => r.Environment, StringComparer.Ordinal)
            .Select(g => g.MaxBy(r => (Runs(r.State), r.Id))!)
            .OrderBy(r => r.Environment, StringComparer.Ordinal)
            .ToList();
        var node = $"model:{modelKey}/{version}";
        var nodes = latest.Select(r => new LineageNode(
            $"environment:{r.Environment}", LineageGraph.EnvironmentKind, r.Environment, DeploymentLinks.Request(r.Id), StateText(r.State)));
        var edges = latest.Select(r => new LineageEdge(node, $"environment:{r.Environment}",
            Runs(r.State) ? LineageGraph.DeployedToEdge : LineageGraph.RequestedForEdge));
        return new LineageGraph([.. graph.Nodes, .. nodes], [.. graph.Edges, .. edges]);
    }

    /// <summary>Where the version runs or is about to; refused, withdrawn, expired and replaced requests are history, not lineage.</summary>
    private static bool Shown(DeploymentState state) =>
        state is DeploymentState.Deployed or DeploymentState.ReapprovalRequired or DeploymentState.Approved or DeploymentState.Pending;

    private static bool Runs(DeploymentState state) => state is DeploymentState.Deployed or DeploymentState.ReapprovalRequired;

    private static string StateText(DeploymentState state) => state switch
    {
        DeploymentState.Deployed => "Deployed",
        DeploymentState.ReapprovalRequired => "Deployed · re-approval required",
        DeploymentState.Approved => "Approved · not deployed yet",
        _ => "Awaiting approval",
    };
}
