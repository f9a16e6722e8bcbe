using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Features.Access;

/// <summary>A decision's or revocation's words: the decider's comment, or why access is revoked.</summary>
public sealed record AccessDecisionInput(string? Comment = null, string? Reason = null);

/// <summary>
/// Access requests and grants through the API (issue 13 §2): people ask for roles and decide them from a script or the
/// browser's session; API keys cannot (the services refuse them). Every rule lives in the services.
/// </summary>
public static class AccessRequestEndpoints
{
    public static IEndpointRouteBuilder MapPortalAccessRequests(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var requests = endpoints.MapGroup("/api/v1/access/requests").WithTags("Access").ProducesProblem(StatusCodes.Status401Unauthorized);
        requests.MapPost("", Submit).RequireAuthorization(Policies.ApiRead)
            .WithSummary("Ask for a role for yourself: role, justification, durationDays (30, 90 or 180; omit for until revoked, non-privileged roles only)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        requests.MapGet("", List).RequireAuthorization(Policies.ApiRead)
            .WithSummary("Access requests, newest first: your own, or everyone's for support engineers, auditors and administrators; state, mine, page from 1")
            .ProducesValidationProblem();
        requests.MapGet("/{id:int}", Get).RequireAuthorization(Policies.ApiRead)
            .WithSummary("One access request").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        requests.MapPost("/{id:int}/approve", Approve).RequireAuthorization(Policies.ApiManageAccess)
            .WithSummary("Approve a request (never your own; privileged roles need Portal.Admin): the role is granted for the requested duration")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        requests.MapPost("/{id:int}/reject", Reject).RequireAuthorization(Policies.ApiManageAccess)
            .WithSummary("Reject a request with a comment the requester reads")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        requests.MapPost("/{id:int}/withdraw", Withdraw).RequireAuthorization(Policies.ApiRead)
            .WithSummary("Withdraw your own pending request")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        endpoints.MapPost("/api/v1/access/grants/{id:int}/revoke", Revoke).RequireAuthorization(Policies.ApiManageAccess).WithTags("Access")
            .WithSummary("Revoke a granted role with a reason; it is refused from the person's next action")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }

    private static async Task<Created<AccessRequestView>> Submit(AccessRequests requests, ClaimsPrincipal user, AccessRequestInput input, CancellationToken cancellationToken)
    {
        var view = await requests.SubmitAsync(user, input, cancellationToken);
        return TypedResults.Created($"/api/v1/access/requests/{view.Id}", view);
    }

    private static async Task<Ok<ApiPage<AccessRequestView>>> List(
        AccessRequests requests, ClaimsPrincipal user, string? state, bool? mine, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        AccessRequestState? parsed = null;
        if (!string.IsNullOrWhiteSpace(state))
        {
            if (Enum.TryParse<AccessRequestState>(state, ignoreCase: true, out var one) && Enum.IsDefined(one))
            {
                parsed = one;
            }
            else
            {
                errors.Add("state", $"Use one of: {string.Join(", ", Enum.GetNames<AccessRequestState>())}.");
            }
        }

        var (pageNumber, size) = ApiPaging.Parse(errors, page, pageSize, 200);
        errors.ThrowIfAny();
        var result = await requests.ListAsync(user, new AccessRequestQuery(parsed, mine ?? false, pageNumber - 1, size), cancellationToken);
        return TypedResults.Ok(new ApiPage<AccessRequestView>(result.Items, pageNumber, size, result.TotalCount));
    }

    private static async Task<Ok<AccessRequestView>> Get(AccessRequests requests, ClaimsPrincipal user, int id, CancellationToken cancellationToken) =>
        TypedResults.Ok(await requests.GetAsync(user, id, cancellationToken));

    private static async Task<Ok<AccessRequestView>> Approve(
        AccessRequests requests, ClaimsPrincipal user, int id, AccessDecisionInput? input, CancellationToken cancellationToken) =>
        TypedResults.Ok(await requests.ApproveAsync(user, id, input?.Comment, cancellationToken));

    private static async Task<Ok<AccessRequestView>> Reject(
        AccessRequests requests, ClaimsPrincipal user, int id, AccessDecisionInput? input, CancellationToken cancellationToken) =>
        TypedResults.Ok(await requests.RejectAsync(user, id, input?.Comment, cancellationToken));

    private static async Task<Ok<AccessRequestView>> Withdraw(AccessRequests requests, ClaimsPrincipal user, int id, CancellationToken cancellationToken) =>
        TypedResults.Ok(await requests.WithdrawAsync(user, id, cancellationToken));

    private static async Task<NoContent> Revoke(AccessGrants grants, ClaimsPrincipal user, int id, AccessDecisionInput? input, CancellationToken cancellationToken)
    {
        await grants.RevokeAsync(user, id, input?.Reason, cancellationToken);
        return TypedResults.NoContent();
    }
}
