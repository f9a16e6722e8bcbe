using Microsoft.AspNetCore.Components;
using MlOpsPortal.Infrastructure.Architecture;

namespace MlOpsPortal.Features.Models;

/// <summary>What a tab of the model page is told about the model it shows.</summary>
[FeatureContract]
public sealed record ModelTabContext(string ModelKey, int VersionCount, bool CanWrite);

/// <summary>
/// A tab that a feature above the registry adds to the model page (deployments, monitoring, alerts, quality): the
/// page shows it without depending on that feature.
/// </summary>
[FeatureContract]
public sealed record ModelTab(string Id, string Title, int Order, Type Component, Func<ModelTabContext, IDictionary<string, object?>> Parameters);

/// <summary>Adds to a version's lineage what a feature above the registry knows of it, such as the environments it runs in.</summary>
[FeatureContract]
public interface IVersionLineageExtension
{
    Task<LineageGraph> ExtendAsync(string modelKey, int version, LineageGraph graph, CancellationToken cancellationToken = default);
}

[FeatureContract]
public static class ModelTabRegistration
{
    public static IServiceCollection AddModelTab<TComponent>(
        this IServiceCollection services, string id, string title, int order, Func<ModelTabContext, IDictionary<string, object?>> parameters)
        where TComponent : IComponent =>
        services.AddSingleton(new ModelTab(id, title, order, typeof(TComponent), parameters));
}
