using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Models;

/// <summary>
/// Which dataset versions trained, validated and tested which model versions, as graphs for the lineage diagram and
/// the API. Features above the registry add their part (the environments a version runs in) through
/// <see cref="IVersionLineageExtension"/>.
/// </summary>
public sealed class Lineage(IDbContextFactory<PortalDbContext> dbFactory)
{
    /// <summary>Dataset versions → the model version.</summary>
    public async Task<LineageGraph?> GetVersionLineageAsync(string key, int number, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var version = await db.ModelVersions.AsNoTracking()
            .Where(v => v.Model!.Key == key && v.Number == number)
            .Select(v => new
            {
                v.Number,
                Links = v.Datasets.Select(l => new { Dataset = l.DatasetVersion!.Dataset!.Key, l.DatasetVersion.Label, l.Role }).ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (version is null)
        {
            return null;
        }

        var center = VersionNode(key, number);
        var datasets = version.Links.Select(l => DatasetNode(l.Dataset, l.Label)).DistinctBy(n => n.Id);
        var edges = version.Links.Select(l => new LineageEdge(DatasetNode(l.Dataset, l.Label).Id, center.Id, EdgeKind(l.Role)));
        return new LineageGraph([.. datasets, center], [.. edges]);
    }

    /// <summary>A dataset version → every model version that used it.</summary>
    public async Task<LineageGraph?> GetDatasetVersionLineageAsync(string datasetKey, string label, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var version = await db.DatasetVersions.AsNoTracking()
            .Where(v => v.Dataset!.Key == datasetKey && v.Label == label)
            .Select(v => new { Uses = v.UsedBy.Select(l => new { Model = l.ModelVersion!.Model!.Key, l.ModelVersion.Number, l.Role }).ToList() })
            .SingleOrDefaultAsync(cancellationToken);
        if (version is null)
        {
            return null;
        }

        var center = DatasetNode(datasetKey, label);
        var models = version.Uses.Select(u => VersionNode(u.Model, u.Number)).DistinctBy(n => n.Id);
        var edges = version.Uses.Select(u => new LineageEdge(center.Id, VersionNode(u.Model, u.Number).Id, EdgeKind(u.Role)));
        return new LineageGraph([center, .. models], [.. edges]);
    }

    private static LineageNode VersionNode(string model, int number) =>
        new($"model:{model}/{number}", LineageGraph.ModelVersionKind, $"{model} v{number}", RegistryLinks.ModelVersion(model, number));

    private static LineageNode DatasetNode(string dataset, string label) =>
        new($"dataset:{dataset}/{label}", LineageGraph.DatasetVersionKind, $"{dataset} @ {label}", RegistryLinks.DatasetVersion(dataset, label));

    private static string EdgeKind(DatasetRole role) => role switch
    {
        DatasetRole.Training => "trainedOn",
        DatasetRole.Validation => "validatedOn",
        _ => "testedOn",
    };
}
