using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace MlOpsPortal.Infrastructure.Auth;

/// <summary>
/// An open circuit keeps the user it started with, so it checks the server-side session every minute and signs
/// the circuit out when the session has ended (signed out, expired or revoked, on any instance). It does not sign
/// out at the very moment of sign-out: the tab that signs out is navigating to the sign-out page itself, and a
/// circuit redirect to sign-in would race it.
/// </summary>
public class RevalidatingSessionStateProvider(ILoggerFactory loggerFactory, PortalSessionStore sessions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authenticationState);
        return sessions.IsActiveAsync(PortalSessionStore.SessionIdOf(authenticationState.User), cancellationToken);
    }
}
