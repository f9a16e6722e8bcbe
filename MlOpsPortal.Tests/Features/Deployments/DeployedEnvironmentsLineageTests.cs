using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Models;

namespace MlOpsPortal.Tests.Features.Deployments;

/// <summary>The environments after a version in its lineage: one node each, with the state of its request there.</summary>
public sealed class DeployedEnvironmentsLineageTests : DeploymentsTestContext
{
    [Fact]
    public async Task Each_environment_the_version_is_deployed_to_or_requested_for_is_a_node_with_its_state_leading_to_the_request()
    {
        var staging = await RequestAsync(environment: "staging");
        await ForceStateAsync(staging.Id, DeploymentState.Deployed);
        var production = await RequestAsync(environment: "production");
        var rejected = await RequestAsync("fraud-model", "staging");
        await ForceStateAsync(rejected.Id, DeploymentState.Rejected);

        var graph = (await Services.GetRequiredService<Lineage>().GetVersionLineageAsync("churn-model", 1))!;
        var fraud = (await Services.GetRequiredService<Lineage>().GetVersionLineageAsync("fraud-model", 1))!;

        var environments = graph.Nodes.Where(n => n.Kind == LineageGraph.EnvironmentKind).OrderBy(n => n.Label, StringComparer.Ordinal).ToList();
        Assert.Equal(
            [
                ("environment:production", "production", "Awaiting approval", DeploymentLinks.Request(production.Id)),
                ("environment:staging", "staging", "Deployed", DeploymentLinks.Request(staging.Id)),
            ],
            environments.Select(n => (n.Id, n.Label, n.Detail, n.Href)));
        Assert.Equal(
            [("model:churn-model/1", "environment:production", LineageGraph.RequestedForEdge), ("model:churn-model/1", "environment:staging", LineageGraph.DeployedToEdge)],
            graph.Edges.Where(e => e.To.StartsWith("environment:", StringComparison.Ordinal)).Select(e => (e.From, e.To, e.Kind)).Order());
        Assert.DoesNotContain(fraud.Nodes, n => n.Kind == LineageGraph.EnvironmentKind);
    }

    [Fact]
    public async Task A_deployment_that_needs_re_approval_says_so_and_still_runs_there()
    {
        var staging = await RequestAsync(environment: "staging");
        await ForceStateAsync(staging.Id, DeploymentState.ReapprovalRequired);

        var graph = (await Services.GetRequiredService<Lineage>().GetVersionLineageAsync("churn-model", 1))!;

        var node = Assert.Single(graph.Nodes, n => n.Kind == LineageGraph.EnvironmentKind);
        Assert.Equal("Deployed · re-approval required", node.Detail);
        Assert.Contains(graph.Edges, e => e.To == node.Id && e.Kind == LineageGraph.DeployedToEdge);
    }
}
