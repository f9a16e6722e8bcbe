using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Features.Models;

/// <summary>What the signed-in person now does with a model's notices.</summary>
public sealed record FollowView(string Model, bool Following);

/// <summary>The star through the API: <c>PUT</c> follows a model, <c>DELETE</c> stops; people only, as signed in (their cookie or token).</summary>
public static class FollowEndpoints
{
    internal static void MapFollow(this RouteGroupBuilder models)
    {
        models.MapPut("/{key}/follow", (ModelFollowers followers, ClaimsPrincipal user, string key, CancellationToken cancellationToken) =>
                SetAsync(followers, user, key, follow: true, cancellationToken))
            .RequireAuthorization(Policies.ApiRead)
            .WithSummary("Follow a model: its failed checks and incidents reach your notifications")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        models.MapDelete("/{key}/follow", (ModelFollowers followers, ClaimsPrincipal user, string key, CancellationToken cancellationToken) =>
                SetAsync(followers, user, key, follow: false, cancellationToken))
            .RequireAuthorization(Policies.ApiRead)
            .WithSummary("Stop following a model")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<FollowView>> SetAsync(ModelFollowers followers, ClaimsPrincipal user, string key, bool follow, CancellationToken cancellationToken)
    {
        if (user.Identity?.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName || user.UserId() is null)
        {
            throw new UnauthorizedAccessException("People follow models, signed in; an API key has nobody to notify.");
        }

        return await followers.SetAsync(user, key, follow, cancellationToken)
            ? TypedResults.Ok(new FollowView(key, follow))
            : throw new PortalNotFoundException($"There is no model with the key '{key}'.");
    }
}
