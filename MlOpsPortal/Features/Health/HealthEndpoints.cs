using Microsoft.AspNetCore.Http.HttpResults;
using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Features.Health;

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapPortalHealth(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/api/v1/models/{key}/health", HealthAsync)
            .WithTags("Metrics")
            .RequireAuthorization(Policies.ApiReadMonitoring)
            .WithSummary("The model's health score in an environment, with every part of it and why")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<Ok<HealthReport>> HealthAsync(string key, string? environment, HealthScore health, CancellationToken cancellationToken) =>
        TypedResults.Ok(await health.ComputeAsync(key, environment ?? "production", cancellationToken));
}
