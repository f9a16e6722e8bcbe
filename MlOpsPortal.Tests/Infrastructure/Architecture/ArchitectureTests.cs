namespace MlOpsPortal.Tests.Infrastructure.Architecture;

/// <summary>The dependency direction of docs/architecture.md, checked on the compiled portal.</summary>
public sealed class ArchitectureTests
{
    private static readonly Lazy<FeatureDependencies> Dependencies = new(() => new FeatureDependencies());

    [Fact]
    public void Every_module_uses_only_modules_below_it_and_other_features_only_through_their_contracts()
    {
        var violations = Dependencies.Value.Violations().Distinct().Order(StringComparer.Ordinal).ToList();

        Assert.True(violations.Count == 0, $"{violations.Count} references break docs/architecture.md:\n" + string.Join('\n', violations));
    }

    [Fact]
    public void The_scan_sees_references_in_method_bodies_and_signatures()
    {
        // Guards the test above against passing because it saw nothing: these references exist and are allowed.
        var edges = Dependencies.Value.Edges;

        Assert.Contains(edges, e => e.From == "MlOpsPortal.Features.Deployments.DeploymentRequests" && FeatureDependencies.ModuleOf(e.To) == "Models");
        Assert.Contains(edges, e => e.From == "MlOpsPortal.Features.Overview.PortfolioPage" && FeatureDependencies.ModuleOf(e.To) == "Health");
        Assert.True(edges.Count > 1000, $"only {edges.Count} references were found");
    }
}
