using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Features.Quality;

public sealed record CheckRunRequest(int? Version, IReadOnlyList<string>? Checks);

public sealed record CheckRunAccepted(int Id);

public sealed record CheckRunStatus(int Id, CheckRunState State, int Progress, int? ReportId, string? Error);

/// <summary>The quality API: samples in, runs requested and followed, reports read and downloaded.</summary>
public static class QualityEndpoints
{
    /// <summary>Samples may be up to 50 MB (<see cref="QualitySamples.MaxBytes"/>); the multipart envelope gets a little more.</summary>
    public const long MaxSampleBytes = QualitySamples.MaxBytes;

    public static IEndpointRouteBuilder MapPortalQuality(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api/v1").WithTags("Quality").ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapPost("/models/{key}/samples", UploadSampleAsync).RequireAuthorization(Policies.ApiUploadSamples)
            .AddEndpointFilter(RefuseOversizedBodies)
            .WithMetadata(new RequestSizeLimitAttribute(MaxSampleBytes + (64 * 1024)))
            .WithMetadata(new RequestFormLimitsAttribute { MultipartBodyLengthLimit = MaxSampleBytes + (64 * 1024) })
            .DisableAntiforgery()
            .WithSummary("Upload reference or current rows of a model version, as JSON columns or a CSV file (≤ 50 MB)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapPost("/models/{key}/check-runs", RequestRunAsync).RequireAuthorization(Policies.ApiRunQualityChecks)
            .WithSummary("Run the model's checks (or the named ones) on a version; 202 with the run to follow")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/check-runs/{id:int}", GetRunAsync).RequireAuthorization(Policies.ApiRead)
            .WithSummary("A check run's state, progress and report").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/quality-reports", ListReportsAsync).RequireAuthorization(Policies.ApiRead)
            .WithSummary("Reports, newest first, filtered by model, status, check kind and date").ProducesValidationProblem();
        api.MapGet("/quality-reports/{id:int}", GetReportAsync).RequireAuthorization(Policies.ApiRead)
            .WithSummary("One immutable report with every finding").ProducesProblem(StatusCodes.Status404NotFound);
        // The report page links here with the portal's cookie, which the API policy accepts too.
        api.MapGet("/quality-reports/{id:int}/download", DownloadAsync).RequireAuthorization(Policies.ApiRead)
            .WithSummary("The report as self-contained HTML or as the exact JSON its SHA-256 covers").ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<Results<Created<SampleUploaded>, ProblemHttpResult>> UploadSampleAsync(
        string key, HttpRequest request, ClaimsPrincipal user, QualitySamples samples, CancellationToken cancellationToken)
    {
        if (request.HasJsonContentType())
        {
            using var document = await ReadJsonAsync(request, cancellationToken);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw PortalValidationException.For("body", $"The body must be a JSON object {{\"version\", \"role\", \"columns\"}}, not {Describe(root.ValueKind)}.");
            }

            JsonText.ThrowIfUnreadable(root);
            int? version = root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n
                : root.TryGetProperty("version", out _) ? throw PortalValidationException.For("version", "version must be a whole number, e.g. 3.") : null;
            var role = ParseRole(root.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null, root.TryGetProperty("role", out _));
            var table = root.TryGetProperty("columns", out var columns)
                ? SampleParser.FromJsonColumns(columns)
                : throw PortalValidationException.For("columns", "columns is required: an object of column name → array of cells.");
            var uploaded = await samples.UploadSampleAsync(user, key, version, role, table, cancellationToken);
            return TypedResults.Created(QualityLinks.Sample(key, uploaded.Id), uploaded);
        }

        if (request.HasFormContentType)
        {
            var form = await ReadFormAsync(request, cancellationToken);
            int? version = int.TryParse(form["version"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
                : string.IsNullOrEmpty(form["version"]) ? null : throw PortalValidationException.For("version", "version must be a whole number, e.g. 3.");
            var role = ParseRole(form["role"], !string.IsNullOrEmpty(form["role"]));
            var file = form.Files.Count == 1 ? form.Files[0]
                : throw PortalValidationException.For("file", "Attach exactly one CSV file (header row first).");
            await using var stream = file.OpenReadStream();
            var uploaded = await samples.UploadCsvAsync(user, key, version, role, stream, cancellationToken);
            return TypedResults.Created(QualityLinks.Sample(key, uploaded.Id), uploaded);
        }

        return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type",
            detail: "Send application/json ({\"version\", \"role\", \"columns\"}) or multipart/form-data with a CSV file, version and role.");
    }

    private static async Task<Accepted<CheckRunAccepted>> RequestRunAsync(
        string key, [FromBody] CheckRunRequest? body, ClaimsPrincipal user, CheckRuns runs, CancellationToken cancellationToken)
    {
        var run = await runs.RequestRunAsync(user, key, body?.Version, body?.Checks, CheckRunTrigger.Api, cancellationToken);
        return TypedResults.Accepted(QualityLinks.Run(run.Id), new CheckRunAccepted(run.Id));
    }

    private static async Task<Ok<CheckRunStatus>> GetRunAsync(int id, CheckRuns runs, CancellationToken cancellationToken)
    {
        var run = await runs.GetRunAsync(id, cancellationToken) ?? throw new PortalNotFoundException($"There is no check run {id}.");
        return TypedResults.Ok(new CheckRunStatus(run.Id, run.State, run.Progress, run.ReportId, run.Error));
    }

    private static async Task<Ok<ApiPage<QualityReportSummary>>> ListReportsAsync(
        string? model, string? status, string? kind, DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize,
        QualityReports reports, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        QualityStatus? parsedStatus = null;
        if (status is not null)
        {
            parsedStatus = Enum.TryParse<QualityStatus>(status, true, out var s) ? s : null;
            if (parsedStatus is null)
            {
                errors.Add("status", "status is Pass, Warn or Fail.");
            }
        }

        var parsedKind = kind is null ? null : CheckKinds.Parse(kind);
        if (kind is not null && parsedKind is null)
        {
            errors.Add("kind", $"kind is one of {CheckKinds.AllApiNames}.");
        }

        var (pageNumber, size) = ApiPaging.Parse(errors, page, pageSize, QualityReportQuery.MaxPageSize);
        errors.ThrowIfAny();
        var result = await reports.ListReportsAsync(new QualityReportQuery
        {
            Model = model,
            Status = parsedStatus,
            Kind = parsedKind,
            FromUtc = from?.UtcDateTime,
            ToUtc = to?.UtcDateTime,
            PageIndex = pageNumber - 1,
            PageSize = size,
        }, cancellationToken);
        return TypedResults.Ok(new ApiPage<QualityReportSummary>(result.Items, pageNumber, size, result.TotalCount));
    }

    private static async Task<Ok<QualityReportView>> GetReportAsync(int id, QualityReports reports, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reports.GetReportAsync(id, cancellationToken) ?? throw new PortalNotFoundException($"There is no quality report {id}."));

    private static async Task<IResult> DownloadAsync(int id, string? format, QualityReports reports, CancellationToken cancellationToken)
    {
        var stored = await reports.GetStoredReportAsync(id, cancellationToken) ?? throw new PortalNotFoundException($"There is no quality report {id}.");
        var content = QualityReportContent.FromJson(stored.Content);
        var name = $"quality-report-{content.Model}-v{content.Version}-{id}";
        return (format ?? "html").ToLowerInvariant() switch
        {
            "json" => Results.File(Encoding.UTF8.GetBytes(stored.Content), "application/json", name + ".json"),
            "html" => Results.File(Encoding.UTF8.GetBytes(QualityReportHtml.Render(id, content, stored.Sha256)), "text/html; charset=utf-8", name + ".html"),
            _ => throw PortalValidationException.For("format", "format is html or json."),
        };
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.Null => "null",
        _ => "true or false",
    };

    /// <summary>A multipart body cut short or without its closing boundary is the caller's to fix, not a server error.</summary>
    private static async Task<IFormCollection> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException || (ex is IOException and not BadHttpRequestException && !cancellationToken.IsCancellationRequested))
        {
            throw PortalValidationException.For("body",
                "The multipart body is incomplete or malformed: send each part between boundary lines and end it with the closing boundary (--boundary--).");
        }
    }

    private static SampleRole? ParseRole(string? value, bool given) =>
        value is null && !given ? null
        : Enum.TryParse<SampleRole>(value, true, out var role) && !int.TryParse(value, out _) ? role
        : throw PortalValidationException.For("role", "role is \"reference\" or \"current\".");

    private static async Task<JsonDocument> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw PortalValidationException.For("body", $"The body is not valid JSON: {ex.Message}");
        }
    }

    // The test server does not enforce Kestrel's body limit, and a declared length can be refused before reading.
    private static async ValueTask<object?> RefuseOversizedBodies(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.HttpContext.Request.ContentLength > MaxSampleBytes + (64 * 1024))
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The sample is too large",
                detail: QualitySamples.TooLargeMessage(context.HttpContext.Request.ContentLength ?? 0));
        }

        return await next(context);
    }
}
