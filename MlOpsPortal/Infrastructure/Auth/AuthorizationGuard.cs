using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace MlOpsPortal.Infrastructure.Auth;

/// <summary>
/// The server-side check every service method makes with the caller's current roles (DESIGN.md §1): the UI hides what
/// a person cannot do, but an event can be replayed, so the service decides again.
/// </summary>
public static class AuthorizationGuard
{
    /// <summary>Throws <see cref="UnauthorizedAccessException"/> (403 in the API) unless <paramref name="user"/> meets <paramref name="policy"/>.</summary>
    public static async Task EnsureAsync(this IAuthorizationService authorization, ClaimsPrincipal user, string policy, string? refusal = null)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        ArgumentNullException.ThrowIfNull(user);
        if (!(await authorization.AuthorizeAsync(user, policy)).Succeeded)
        {
            throw new UnauthorizedAccessException(refusal ?? $"Your roles do not allow this ({policy}).");
        }
    }
}
