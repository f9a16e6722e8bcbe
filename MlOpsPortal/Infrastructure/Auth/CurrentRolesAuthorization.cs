using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace MlOpsPortal.Infrastructure.Auth;

/// <summary>
/// Every authorization decision (a page, an endpoint, a service's own check) is made with the roles the person holds
/// now, so an open circuit that started with a role the person has since lost is refused on its next action.
/// </summary>
internal sealed class CurrentRolesAuthorization(DefaultAuthorizationService inner, CurrentRoles roles) : IAuthorizationService
{
    public async Task<AuthorizationResult> AuthorizeAsync(ClaimsPrincipal user, object? resource, IEnumerable<IAuthorizationRequirement> requirements) =>
        await inner.AuthorizeAsync(await roles.ApplyAsync(user), resource, requirements);

    public async Task<AuthorizationResult> AuthorizeAsync(ClaimsPrincipal user, object? resource, string policyName) =>
        await inner.AuthorizeAsync(await roles.ApplyAsync(user), resource, policyName);
}
