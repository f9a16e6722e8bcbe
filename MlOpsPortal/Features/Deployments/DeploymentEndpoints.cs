using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Features.Deployments;

/// <summary>
/// The deployment API for pipelines: request a deployment, wait for its decision, report the outcome. Every rule
/// lives in <see cref="DeploymentRequests"/> and <see cref="DeploymentDecisions"/>; its exceptions become problem details in <see cref="ApiExceptionHandler"/>.
/// </summary>
public static class DeploymentEndpoints
{
    public static IEndpointRouteBuilder MapPortalDeployments(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var requests = endpoints.MapGroup("/api/v1/deployment-requests").WithTags("Deployments")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        requests.MapPost("", Create).RequireAuthorization(Policies.ApiWriteRegistry)
            .WithSummary("Request a deployment of a model version to an environment; the gates are evaluated at once")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        requests.MapGet("/{id:int}", Get).RequireAuthorization(Policies.ApiRead)
            .WithSummary("A deployment request: state, gates and approvals (poll it to wait for a decision)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        requests.MapPost("/{id:int}/deployed", Deployed).RequireAuthorization(Policies.ApiWriteRegistry)
            .WithSummary("Report the approved version deployed (Approved → Deployed; what ran before is Superseded)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        requests.MapPost("/{id:int}/failed", Failed).RequireAuthorization(Policies.ApiWriteRegistry)
            .WithSummary("Report a failed deployment attempt (the request stays Approved)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        requests.MapPost("/{id:int}/rolled-back", RolledBack).RequireAuthorization(Policies.ApiWriteRegistry)
            .WithSummary("Report a deployment rolled back (Deployed → RolledBack)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        requests.MapPost("/{id:int}/approve", Approve).RequireAuthorization(Policies.ApiApproveDeployments)
            .WithSummary("Approve a request (approvers; never the requester or the version's registrant)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        requests.MapPost("/{id:int}/reject", Reject).RequireAuthorization(Policies.ApiApproveDeployments)
            .WithSummary("Reject a request with a comment saying what must change")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }

    private static async Task<Ok<DeploymentRequestView>> Approve(
        DeploymentDecisions decisions, ClaimsPrincipal user, int id, DecisionInput? input, CancellationToken cancellationToken) =>
        TypedResults.Ok(await decisions.ApproveAsync(user, id, input?.Comment, cancellationToken));

    private static async Task<Ok<DeploymentRequestView>> Reject(
        DeploymentDecisions decisions, ClaimsPrincipal user, int id, DecisionInput? input, CancellationToken cancellationToken) =>
        TypedResults.Ok(await decisions.RejectAsync(user, id, input?.Comment, cancellationToken));

    private static async Task<Created<DeploymentRequestView>> Create(
        DeploymentRequests requests, ClaimsPrincipal user, DeploymentRequestInput input, CancellationToken cancellationToken)
    {
        var view = await requests.CreateRequestAsync(user, input, cancellationToken);
        return TypedResults.Created($"/api/v1/deployment-requests/{view.Id}", view);
    }

    private static async Task<Ok<DeploymentRequestView>> Get(DeploymentRequests requests, int id, CancellationToken cancellationToken) =>
        TypedResults.Ok(await requests.GetRequestAsync(id, cancellationToken)
            ?? throw new PortalNotFoundException($"There is no deployment request {id}."));

    private static async Task<Ok<DeploymentRequestView>> Deployed(
        DeploymentRequests requests, ClaimsPrincipal user, int id, PipelineCallbackInput input, CancellationToken cancellationToken) =>
        TypedResults.Ok(await requests.MarkDeployedAsync(user, id, input, cancellationToken));

    private static async Task<Ok<DeploymentRequestView>> Failed(
        DeploymentRequests requests, ClaimsPrincipal user, int id, PipelineCallbackInput input, CancellationToken cancellationToken) =>
        TypedResults.Ok(await requests.MarkFailedAsync(user, id, input, cancellationToken));

    private static async Task<Ok<DeploymentRequestView>> RolledBack(
        DeploymentRequests requests, ClaimsPrincipal user, int id, PipelineCallbackInput input, CancellationToken cancellationToken) =>
        TypedResults.Ok(await requests.MarkRolledBackAsync(user, id, input, cancellationToken));
}
