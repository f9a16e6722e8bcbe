using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using MlOpsPortal.Infrastructure.Audit;

namespace MlOpsPortal.Infrastructure.Auth;

/// <summary>Records every request a signed-in user was refused, then lets the default handler answer it.</summary>
internal sealed class AccessDeniedAuditingHandler(AuditLog audit) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler inner = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Forbidden)
        {
            await RecordAsync(audit, context.User, context.Request.Path, context.RequestAborted);
        }

        await inner.HandleAsync(next, context, policy, authorizeResult);
    }

    public static Task RecordAsync(AuditLog audit, System.Security.Claims.ClaimsPrincipal user, string resource, CancellationToken cancellationToken) =>
        audit.RecordAsync(AuditActor.From(user), "auth.access-denied", "Resource", Clip(resource),
            new { roles = user.Roles(), resource }, cancellationToken);

    // A refused request names its path, and a path may be longer than an audit entity id; the details keep all of it.
    private static string Clip(string resource) =>
        resource.Length <= AuditEvent.MaxEntityIdLength ? resource : resource[..(AuditEvent.MaxEntityIdLength - 1)] + "…";
}
