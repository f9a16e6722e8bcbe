using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Features.Incidents;

/// <summary>Prometheus Alertmanager's webhook receiver (DESIGN §11c): its payload, unchanged, with an Incidents.Write key.</summary>
public static class AlertmanagerEndpoints
{
    public const string Route = "/api/v1/integrations/alertmanager";

    public static IEndpointRouteBuilder MapPortalAlertmanager(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost(Route, Receive).RequireAuthorization(Policies.ApiWriteIncidents).WithTags("Incidents")
            .WithSummary("Alertmanager's webhook (payload version 4): firing alerts open or update incidents, resolved ones are noted or resolve them, by fingerprint")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return endpoints;
    }

    private static async Task<Ok<AlertmanagerReceipt>> Receive(
        AlertmanagerWebhook webhook, ClaimsPrincipal user, AlertmanagerPayload payload, CancellationToken cancellationToken) =>
        TypedResults.Ok(await webhook.ReceiveAsync(user, payload, cancellationToken));
}
