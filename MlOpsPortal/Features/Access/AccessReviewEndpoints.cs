using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Features.Access;

/// <summary>Access reviews for auditors and their scripts: the list, and each review's evidence as CSV or XLSX (auditors, administrators, Audit.Read).</summary>
public static class AccessReviewEndpoints
{
    public static IEndpointRouteBuilder MapPortalAccessReviews(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/api/v1/access/reviews", List).RequireAuthorization(Policies.ApiReadAudit).WithTags("Access")
            .WithSummary("Access reviews, newest first: scope, reviewers, default, state, due date and how many items are decided; page from 1")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        endpoints.MapGet("/api/v1/access/reviews/{id:int}/evidence.csv", Csv).RequireAuthorization(Policies.ApiReadAudit).WithTags("Access")
            .WithSummary("A review's evidence as CSV: population, reviewer, decision, justification, recommendation, applied at, result")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        endpoints.MapGet("/api/v1/access/reviews/{id:int}/evidence.xlsx", Xlsx).RequireAuthorization(Policies.ApiReadAudit).WithTags("Access")
            .WithSummary("The same evidence as an Excel workbook (items, and the review's scope and schedule)")
            .Produces(StatusCodes.Status200OK, contentType: AccessReviewEvidence.XlsxContentType)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    /// <summary>The evidence link a page offers; the API answers it with the viewer's sign-in cookie.</summary>
    public static string EvidenceLink(int id, string extension) => $"/api/v1/access/reviews/{id}/evidence.{extension}";

    private static async Task<Ok<ApiPage<AccessReviewSummary>>> List(AccessReviews reviews, ClaimsPrincipal user, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var (pageNumber, size) = ApiPaging.Parse(errors, page, pageSize, 200);
        errors.ThrowIfAny();
        var result = await reviews.ListAsync(user, new AccessReviewQuery(pageNumber - 1, size), cancellationToken);
        return TypedResults.Ok(new ApiPage<AccessReviewSummary>(result.Items, pageNumber, size, result.TotalCount));
    }

    private static async Task<FileContentHttpResult> Csv(AccessReviews reviews, ClaimsPrincipal user, int id, CancellationToken cancellationToken)
    {
        var review = await reviews.GetAsync(user, id, cancellationToken);
        return TypedResults.File(Encoding.UTF8.GetBytes(AccessReviewEvidence.Csv(review)), AccessReviewEvidence.CsvContentType, AccessReviewEvidence.FileName(review.Summary, "csv"));
    }

    private static async Task<FileContentHttpResult> Xlsx(AccessReviews reviews, ClaimsPrincipal user, int id, CancellationToken cancellationToken)
    {
        var review = await reviews.GetAsync(user, id, cancellationToken);
        return TypedResults.File(AccessReviewEvidence.Xlsx(review), AccessReviewEvidence.XlsxContentType, AccessReviewEvidence.FileName(review.Summary, "xlsx"));
    }
}
