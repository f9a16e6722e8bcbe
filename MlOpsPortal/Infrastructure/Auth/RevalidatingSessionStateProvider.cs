using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace MlOpsPortal.Infrastructure.Auth;

/// <summary>How often an open circuit checks its sign-in again (<c>Auth:CircuitRevalidationSeconds</c>, at most a minute).</summary>
public sealed class CircuitRevalidationOptions
{
    public const string SectionName = "Auth";

    [Range(1, 60)]
    public int CircuitRevalidationSeconds { get; set; } = 60;
}

/// <summary>
/// An open circuit keeps the user it started with, so it checks them again every minute: it signs the circuit out when
/// the server-side session has ended (signed out, expired or revoked, on any instance), and brings the circuit's roles
/// up to date when a role was granted, revoked or removed by a review (<see cref="CurrentRoles"/>), so menus and pages
/// follow. It does not sign out at the very moment of sign-out: the tab that signs out is navigating to the sign-out
/// page itself, and a circuit redirect to sign-in would race it.
/// </summary>
public class RevalidatingSessionStateProvider(
    ILoggerFactory loggerFactory, PortalSessionStore sessions, CurrentRoles roles, IOptions<CircuitRevalidationOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(options.Value.CircuitRevalidationSeconds);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authenticationState);
        if (!await sessions.IsActiveAsync(PortalSessionStore.SessionIdOf(authenticationState.User), cancellationToken))
        {
            return false;
        }

        var current = await roles.ApplyAsync(authenticationState.User, cancellationToken);
        if (!ReferenceEquals(current, authenticationState.User))
        {
            // A new state restarts the revalidation loop with it.
            SetAuthenticationState(Task.FromResult(new AuthenticationState(current)));
        }

        return true;
    }
}
