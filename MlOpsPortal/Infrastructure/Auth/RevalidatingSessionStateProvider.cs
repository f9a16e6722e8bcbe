using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace MlOpsPortal.Infrastructure.Auth;

/// <summary>
/// An open circuit keeps the user it started with, so it checks the server-side session every minute and signs
/// the circuit out when the session has ended; a sign-out on this instance signs its circuits out at once.
/// </summary>
public class RevalidatingSessionStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private readonly PortalSessionStore sessions;

    public RevalidatingSessionStateProvider(ILoggerFactory loggerFactory, PortalSessionStore sessions)
        : base(loggerFactory)
    {
        this.sessions = sessions;
        sessions.Ended += OnSessionEnded;
    }

    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authenticationState);
        return sessions.IsActiveAsync(PortalSessionStore.SessionIdOf(authenticationState.User), cancellationToken);
    }

    private async void OnSessionEnded(string sessionId)
    {
        try
        {
            var state = await GetAuthenticationStateAsync();
            if (PortalSessionStore.SessionIdOf(state.User) == sessionId)
            {
                SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
            }
        }
        catch (InvalidOperationException)
        {
            // The circuit has no state yet or is going away: nothing to sign out.
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            sessions.Ended -= OnSessionEnded;
        }

        base.Dispose(disposing);
    }
}
