using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Features.Access;

/// <summary>A page of people as the API returns it.</summary>
public sealed record PeopleApiPage(IReadOnlyList<PersonSummary> Items, int Total, int Page, int PageSize);

/// <summary>Who has access, for a SIEM or an auditor's script (DESIGN §11c): auditor or administrator credentials, or Audit.Read.</summary>
public static class AccessEndpoints
{
    public static IEndpointRouteBuilder MapPortalAccess(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/api/v1/access/people", ListPeople).RequireAuthorization(Policies.ApiReadAudit).WithTags("Access")
            .WithSummary("Everyone who has signed in: roles at their latest sign-in, first and last sign-in; search by name, filter by role, page from 1")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return endpoints;
    }

    private static async Task<Ok<PeopleApiPage>> ListPeople(
        PeopleDirectory people, ClaimsPrincipal user, string? search, string? role, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var size = pageSize ?? 50;
        if (page is < 1 || size is < 1 or > 200)
        {
            throw PortalValidationException.For(page is < 1 ? "page" : "pageSize", "Pages count from 1 and hold 1 to 200 people.");
        }

        var result = await people.ListAsync(user, new PeopleQuery(search, role, (page ?? 1) - 1, size), cancellationToken);
        return TypedResults.Ok(new PeopleApiPage(result.Items, result.TotalCount, result.PageIndex + 1, result.PageSize));
    }
}
