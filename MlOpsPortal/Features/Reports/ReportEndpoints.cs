using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Features.Reports;

/// <summary>The body of <c>POST /api/v1/reports</c>: the kind, and the first and last day (UTC, both included).</summary>
public sealed record ReportRequestBody(string? Kind, string? From, string? To);

public sealed record ReportFileResource(string Format, string Sha256, int Length, string Href);

/// <summary>A report as the API shows it; <c>kind</c> is "usage", "executive" or "security-audit".</summary>
public sealed record ReportResource(
    int Id, string Kind, string Title, ReportState State, int Progress, DateTime From, DateTime To, DateTime AsOf, ReportTrigger Trigger,
    string RequestedBy, DateTime RequestedAt, DateTime? GeneratedAt, string? Headline, string? Sha256, IReadOnlyList<ReportFileResource> Files,
    string? Error)
{
    public static ReportResource Of(ReportView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        IReadOnlyList<ReportFileResource> files = view.State == ReportState.Succeeded
            ? [.. view.Files.Select(f => new ReportFileResource(f.Format, f.Sha256, f.Length, ReportLinks.Download(view.Id, f.Format))),
               new ReportFileResource("csv", string.Empty, 0, ReportLinks.Download(view.Id, "csv"))]
            : [];
        return new(view.Id, view.Kind.ApiName(), view.Title, view.State, view.Progress, view.FromUtc, view.ToUtc, view.AsOfUtc, view.Trigger,
            view.RequestedBy, view.RequestedAtUtc, view.GeneratedAtUtc, view.Headline, view.ContentSha256, files, view.Error);
    }
}

public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapPortalReports(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api/v1/reports").WithTags("Reports").RequireAuthorization(Policies.ApiReadReports)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/", RequestAsync).ProducesValidationProblem();
        api.MapGet("/", ListAsync).ProducesValidationProblem();
        api.MapGet("/{id:int}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id:int}/download", DownloadAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }

    private static async Task<Accepted<ReportResource>> RequestAsync(ReportRequestBody? body, ClaimsPrincipal user, ReportsService reports, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var kind = ReportKinds.Parse(body?.Kind);
        if (kind is null)
        {
            errors.Add("kind", string.IsNullOrWhiteSpace(body?.Kind)
                ? "Say which report: kind is usage, executive or security-audit."
                : $"'{body.Kind}' is not a report kind; choose usage, executive or security-audit.");
        }

        var from = ParseDay(errors, "from", body?.From);
        var to = ParseDay(errors, "to", body?.To);
        errors.ThrowIfAny();
        var report = await reports.RequestAsync(user, kind!.Value, from, to, cancellationToken);
        return TypedResults.Accepted(ReportLinks.Api(report.Id), ReportResource.Of(report));
    }

    private static async Task<Ok<ApiPage<ReportResource>>> ListAsync(
        ClaimsPrincipal user, ReportsService reports, string? kind, string? from, string? to, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var parsedKind = ReportKinds.Parse(kind);
        if (kind is not null && parsedKind is null)
        {
            errors.Add("kind", $"'{kind}' is not a report kind; choose usage, executive or security-audit.");
        }

        var first = ParseDay(errors, "from", from);
        var last = ParseDay(errors, "to", to);
        var (number, size) = ApiPaging.Parse(errors, page, pageSize, 100);
        errors.ThrowIfAny();
        var result = await reports.ListAsync(user, new ReportFilter(parsedKind, first, last, null, number, size), cancellationToken);
        return TypedResults.Ok(new ApiPage<ReportResource>([.. result.Items.Select(ReportResource.Of)], number, size, result.TotalCount));
    }

    private static async Task<Ok<ReportResource>> GetAsync(int id, ClaimsPrincipal user, ReportsService reports, CancellationToken cancellationToken) =>
        TypedResults.Ok(ReportResource.Of(await reports.GetAsync(user, id, cancellationToken) ?? throw new PortalNotFoundException($"There is no report {id}.")));

    private static async Task<FileContentHttpResult> DownloadAsync(
        int id, string? format, string? table, ClaimsPrincipal user, ReportsService reports, CancellationToken cancellationToken)
    {
        var file = await reports.DownloadAsync(user, id, format, table, cancellationToken);
        return TypedResults.File(file.Bytes, file.ContentType, file.FileName);
    }

    private static DateOnly? ParseDay(FieldErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors.Add(field, $"'{value}' is not a date; use yyyy-MM-dd, e.g. 2026-11-01 (a UTC day, included in the period).");
        return null;
    }
}
