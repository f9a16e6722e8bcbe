using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Features.Models;

/// <summary>
/// The registry API under <c>/api/v1</c> for pipelines and model services. Every rule lives in the registry's services
/// (<see cref="ModelsService"/>, <see cref="Datasets"/>, <see cref="ModelCards"/>, <see cref="Lineage"/>); their
/// exceptions become problem details in <see cref="ApiExceptionHandler"/>.
/// </summary>
public static class RegistryEndpoints
{
    public static IEndpointRouteBuilder MapPortalModels(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api/v1").ProducesProblem(StatusCodes.Status401Unauthorized);

        var models = api.MapGroup("/models").WithTags("Models");
        models.MapGet("", ListModels).RequireAuthorization(Policies.ApiRead)
            .WithSummary("List models, paged, filtered and sorted").ProducesValidationProblem();
        models.MapGet("/{key}", GetModel).RequireAuthorization(Policies.ApiRead)
            .WithSummary("A model with its versions").ProducesProblem(StatusCodes.Status404NotFound);
        models.MapPost("", CreateModel).RequireAuthorization(Policies.ApiWriteRegistry)
            .WithSummary("Register a model").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        models.MapPost("/{key}/versions", RegisterVersion).RequireAuthorization(Policies.ApiWriteRegistry)
            .WithSummary("Register the next version of a model; the portal assigns its number")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        models.MapGet("/{key}/versions/{number:int}", GetVersion).RequireAuthorization(Policies.ApiRead)
            .WithSummary("One model version").ProducesProblem(StatusCodes.Status404NotFound);
        models.MapGet("/{key}/versions/{number:int}/lineage", GetVersionLineage).RequireAuthorization(Policies.ApiRead)
            .WithSummary("The datasets a model version was trained, validated and tested on").ProducesProblem(StatusCodes.Status404NotFound);
        models.MapPost("/{key}/versions/{number:int}/ci-evidence", RecordCiEvidence).RequireAuthorization(Policies.ApiWriteRegistry)
            .WithSummary("Record the CI results of a model version")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        models.MapPut("/{key}/versions/{number:int}/card", UpdateCard).RequireAuthorization(Policies.ApiWriteRegistry)
            .WithSummary("Replace the model card of a version (the other facts of a version never change)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        models.MapFollow();

        var datasets = api.MapGroup("/datasets").WithTags("Datasets");
        datasets.MapGet("", ListDatasets).RequireAuthorization(Policies.ApiRead)
            .WithSummary("List datasets, paged").ProducesValidationProblem();
        datasets.MapGet("/{key}", GetDataset).RequireAuthorization(Policies.ApiRead)
            .WithSummary("A dataset with its versions").ProducesProblem(StatusCodes.Status404NotFound);
        datasets.MapPost("", CreateDataset).RequireAuthorization(Policies.ApiWriteRegistry)
            .WithSummary("Register a dataset").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        datasets.MapPost("/{key}/versions", AddDatasetVersion).RequireAuthorization(Policies.ApiWriteRegistry)
            .WithSummary("Register an immutable version of a dataset").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        datasets.MapGet("/{key}/versions/{version}", GetDatasetVersion).RequireAuthorization(Policies.ApiRead)
            .WithSummary("One dataset version").ProducesProblem(StatusCodes.Status404NotFound);
        datasets.MapGet("/{key}/versions/{version}/lineage", GetDatasetVersionLineage).RequireAuthorization(Policies.ApiRead)
            .WithSummary("Every model version that used a dataset version").ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<Ok<ApiPage<ModelSummary>>> ListModels(
        ModelsService registry, string? search, string? riskTier, string? businessUnit, string? owner, string? tag, string? sort,
        int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var (pageNumber, size) = ApiPaging.Parse(errors, page, pageSize, ModelQuery.MaxPageSize);
        var tier = ParseRiskTier(errors, riskTier);
        var (sortBy, descending) = ParseSort(errors, sort);
        errors.ThrowIfAny();
        var result = await registry.ListModelsAsync(new ModelQuery
        {
            Search = search,
            RiskTier = tier,
            BusinessUnit = businessUnit,
            Owner = owner,
            Tag = tag,
            SortBy = sortBy,
            Descending = descending,
            PageIndex = pageNumber - 1,
            PageSize = size,
        }, cancellationToken);
        return TypedResults.Ok(new ApiPage<ModelSummary>(result.Items, pageNumber, size, result.TotalCount));
    }

    private static async Task<Ok<ModelDetails>> GetModel(ModelsService registry, string key, CancellationToken cancellationToken) =>
        TypedResults.Ok(await registry.GetModelAsync(key, cancellationToken)
            ?? throw new PortalNotFoundException($"There is no model with the key '{key}'."));

    private static async Task<Created<ModelSummary>> CreateModel(
        ModelsService registry, ClaimsPrincipal user, ModelInput input, CancellationToken cancellationToken)
    {
        var model = await registry.CreateModelAsync(user, input, cancellationToken);
        return TypedResults.Created(RegistryLinks.ApiModel(model.Key), model);
    }

    private static async Task<Created<VersionDetails>> RegisterVersion(
        ModelsService registry, ClaimsPrincipal user, string key, VersionInput input, CancellationToken cancellationToken)
    {
        var version = await registry.RegisterVersionAsync(user, key, input, cancellationToken);
        return TypedResults.Created(RegistryLinks.ApiModelVersion(key, version.Version), version);
    }

    private static async Task<Ok<VersionDetails>> GetVersion(ModelsService registry, string key, int number, CancellationToken cancellationToken) =>
        TypedResults.Ok(await registry.GetVersionAsync(key, number, cancellationToken)
            ?? throw new PortalNotFoundException($"Model '{key}' has no version {number}."));

    private static async Task<Ok<LineageGraph>> GetVersionLineage(Lineage lineage, string key, int number, CancellationToken cancellationToken) =>
        TypedResults.Ok(await lineage.GetVersionLineageAsync(key, number, cancellationToken)
            ?? throw new PortalNotFoundException($"Model '{key}' has no version {number}."));

    private static async Task<Created<CiEvidenceView>> RecordCiEvidence(
        ModelsService registry, ClaimsPrincipal user, string key, int number, CiEvidenceInput input, CancellationToken cancellationToken)
    {
        var evidence = await registry.RecordCiEvidenceAsync(user, key, number, input, cancellationToken);
        return TypedResults.Created(RegistryLinks.ApiModelVersion(key, number), evidence);
    }

    private static async Task<Ok<VersionDetails>> UpdateCard(
        ModelCards cards, ClaimsPrincipal user, string key, int number, ModelCard card, CancellationToken cancellationToken) =>
        TypedResults.Ok(await cards.UpdateCardAsync(user, key, number, card, cancellationToken));

    private static async Task<Ok<ApiPage<DatasetSummary>>> ListDatasets(
        Datasets datasets, string? search, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var (pageNumber, size) = ApiPaging.Parse(errors, page, pageSize, ModelQuery.MaxPageSize);
        errors.ThrowIfAny();
        var result = await datasets.ListDatasetsAsync(new DatasetQuery { Search = search, PageIndex = pageNumber - 1, PageSize = size }, cancellationToken);
        return TypedResults.Ok(new ApiPage<DatasetSummary>(result.Items, pageNumber, size, result.TotalCount));
    }

    private static async Task<Ok<DatasetDetails>> GetDataset(Datasets datasets, string key, CancellationToken cancellationToken) =>
        TypedResults.Ok(await datasets.GetDatasetAsync(key, cancellationToken)
            ?? throw new PortalNotFoundException($"There is no dataset with the key '{key}'."));

    private static async Task<Created<DatasetSummary>> CreateDataset(
        Datasets datasets, ClaimsPrincipal user, DatasetInput input, CancellationToken cancellationToken)
    {
        var dataset = await datasets.CreateDatasetAsync(user, input, cancellationToken);
        return TypedResults.Created(RegistryLinks.ApiDataset(dataset.Key), dataset);
    }

    private static async Task<Created<DatasetVersionView>> AddDatasetVersion(
        Datasets datasets, ClaimsPrincipal user, string key, DatasetVersionInput input, CancellationToken cancellationToken)
    {
        var version = await datasets.AddDatasetVersionAsync(user, key, input, cancellationToken);
        return TypedResults.Created(RegistryLinks.ApiDatasetVersion(key, version.Version), version);
    }

    private static async Task<Ok<DatasetVersionView>> GetDatasetVersion(
        Datasets datasets, string key, string version, CancellationToken cancellationToken)
    {
        var dataset = await datasets.GetDatasetAsync(key, cancellationToken)
            ?? throw new PortalNotFoundException($"There is no dataset with the key '{key}'.");
        return TypedResults.Ok(dataset.Versions.SingleOrDefault(v => v.Version == version)
            ?? throw new PortalNotFoundException($"Dataset '{key}' has no version '{version}'."));
    }

    private static async Task<Ok<LineageGraph>> GetDatasetVersionLineage(
        Lineage lineage, string key, string version, CancellationToken cancellationToken) =>
        TypedResults.Ok(await lineage.GetDatasetVersionLineageAsync(key, version, cancellationToken)
            ?? throw new PortalNotFoundException($"Dataset '{key}' has no version '{version}'."));

    private static RiskTier? ParseRiskTier(FieldErrors errors, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (Enum.TryParse<RiskTier>(value.Trim(), ignoreCase: true, out var tier) && Enum.IsDefined(tier) && !char.IsAsciiDigit(value.Trim()[0]))
        {
            return tier;
        }

        errors.Add("riskTier", $"'{value}' is not a risk tier. Use one of: {string.Join(", ", Enum.GetNames<RiskTier>())}.");
        return null;
    }

    /// <summary><c>sort=owner</c> ascending, <c>sort=-owner</c> descending; newest changes first by default.</summary>
    private static (ModelSort SortBy, bool Descending) ParseSort(FieldErrors errors, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return (ModelSort.UpdatedAt, true);
        }

        var text = value.Trim();
        var descending = text.StartsWith('-');
        var name = text.TrimStart('-', '+');
        if (Enum.TryParse<ModelSort>(name, ignoreCase: true, out var sortBy) && Enum.IsDefined(sortBy) && name.Length > 0 && !char.IsAsciiDigit(name[0]))
        {
            return (sortBy, descending);
        }

        var names = Enum.GetNames<ModelSort>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]);
        errors.Add("sort", $"'{value}' is not a sort order. Use one of {string.Join(", ", names)}, with a leading '-' for descending.");
        return (ModelSort.UpdatedAt, true);
    }
}
