using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Text;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Features.Access;

/// <summary>Who has access, for a SIEM or an auditor's script (DESIGN §11c): auditor or administrator credentials, or Audit.Read.</summary>
public static class AccessEndpoints
{
    public static IEndpointRouteBuilder MapPortalAccess(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/api/v1/access/people", ListPeople).RequireAuthorization(Policies.ApiReadAudit).WithTags("Access")
            .WithSummary("Everyone who has signed in: roles at their latest sign-in, first and last sign-in; search by name, filter by role, page from 1")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        endpoints.MapGet("/api/v1/access/log", ListLog).RequireAuthorization(Policies.ApiReadAudit).WithTags("Access")
            .WithSummary("Sign-ins, refused access, API key, access request, grant and review events, newest first; from/to (UTC, to exclusive), person (their id: what they did and what was done about them), action, page from 1")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        endpoints.MapGet("/api/v1/access/log.csv", DownloadLog).RequireAuthorization(Policies.ApiReadAudit).WithTags("Access")
            .WithSummary("The same access log as CSV (at most 100,000 lines, newest first), for a spreadsheet or a SIEM import")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        endpoints.MapAuditExport();
        return endpoints;
    }

    private const int MaxCsvLines = 100_000;

    private static async Task<Ok<ApiPage<PersonSummary>>> ListPeople(
        PeopleDirectory people, ClaimsPrincipal user, string? search, string? role, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var (pageNumber, size) = ApiPaging.Parse(errors, page, pageSize, 200);
        errors.ThrowIfAny();
        var result = await people.ListAsync(user, new PeopleQuery(search, role, pageNumber - 1, size), cancellationToken);
        return TypedResults.Ok(new ApiPage<PersonSummary>(result.Items, pageNumber, size, result.TotalCount));
    }

    private static async Task<Ok<ApiPage<AccessLogEntry>>> ListLog(
        AuditLog audit, DateTime? from, DateTime? to, string? person, string? action, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var (pageNumber, size) = ApiPaging.Parse(errors, page, pageSize, AuditQuery.MaxPageSize);
        Check(errors, from, to, action);
        errors.ThrowIfAny();
        var result = await audit.ListAsync(AccessLog.Query(from, to, person, pageNumber - 1, size, action), cancellationToken);
        return TypedResults.Ok(new ApiPage<AccessLogEntry>([.. result.Items.Select(AccessLog.Entry)], pageNumber, size, result.TotalCount));
    }

    private static async Task<IResult> DownloadLog(AuditLog audit, DateTime? from, DateTime? to, string? person, string? action, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        Check(errors, from, to, action);
        errors.ThrowIfAny();
        var entries = new List<AccessLogEntry>();
        for (var index = 0; entries.Count < MaxCsvLines; index++)
        {
            var page = await audit.ListAsync(AccessLog.Query(from, to, person, index, AuditQuery.MaxPageSize, action), cancellationToken);
            entries.AddRange(page.Items.Select(AccessLog.Entry));
            if (page.Items.Count < AuditQuery.MaxPageSize)
            {
                break;
            }
        }

        return TypedResults.File(Encoding.UTF8.GetBytes(AccessLog.Csv(entries)), "text/csv; charset=utf-8", "access-log.csv");
    }

    private static void Check(FieldErrors errors, DateTime? from, DateTime? to, string? action)
    {
        if (action is not null && !AccessLog.Actions.Contains(action))
        {
            errors.Add("action", $"Use one of: {string.Join(", ", AccessLog.Actions)}.");
        }

        if (from is { } f && to is { } t && f >= t)
        {
            errors.Add("to", "The end of the period must come after its start.");
        }
    }
}
