using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace MlOpsPortal.Infrastructure.Auth;

/// <summary>Every request's principal carries the roles the person holds now (<see cref="CurrentRoles"/>), not those of their cookie.</summary>
internal sealed class CurrentRolesTransformation(CurrentRoles roles, IHttpContextAccessor http) : IClaimsTransformation
{
    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal) =>
        roles.ApplyAsync(principal, http.HttpContext?.RequestAborted ?? CancellationToken.None);
}
