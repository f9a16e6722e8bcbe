using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace MlOpsPortal.Infrastructure.Auth;

/// <summary>
/// Ties the sign-in cookie to a <see cref="PortalSession"/>: signing in starts one and writes its id into the
/// cookie, every request checks it is still active, and signing out ends it, so a saved copy of the cookie is
/// refused afterwards. Both the development sign-in and Entra ID sign in through this cookie.
/// </summary>
internal static class ServerSessions
{
    public static void Attach(CookieAuthenticationOptions options)
    {
        var signingIn = options.Events.OnSigningIn;
        var validate = options.Events.OnValidatePrincipal;
        var sliding = options.Events.OnCheckSlidingExpiration;
        var signingOut = options.Events.OnSigningOut;
        options.Events.OnSigningIn = async context =>
        {
            if (context.Principal?.Identity is ClaimsIdentity identity)
            {
                var store = Store(context.HttpContext);
                var id = await store.StartAsync(context.Principal.UserId() ?? "unknown", context.Options.ExpireTimeSpan, context.HttpContext.RequestAborted);
                foreach (var stale in identity.FindAll(PortalSessionStore.ClaimType).ToList())
                {
                    identity.RemoveClaim(stale);
                }

                identity.AddClaim(new Claim(PortalSessionStore.ClaimType, id));
            }

            await signingIn(context);
        };
        options.Events.OnValidatePrincipal = async context =>
        {
            if (!await Store(context.HttpContext).IsActiveAsync(PortalSessionStore.SessionIdOf(context.Principal), context.HttpContext.RequestAborted))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(context.Scheme.Name);
                return;
            }

            await validate(context);
        };
        options.Events.OnCheckSlidingExpiration = async context =>
        {
            await sliding(context);
            if (context.ShouldRenew && PortalSessionStore.SessionIdOf(context.Principal) is { } id)
            {
                await Store(context.HttpContext).ExtendAsync(id, context.Options.ExpireTimeSpan, context.HttpContext.RequestAborted);
            }
        };
        options.Events.OnSigningOut = async context =>
        {
            if (PortalSessionStore.SessionIdOf(context.HttpContext.User) is { } id)
            {
                await Store(context.HttpContext).EndAsync(id, CancellationToken.None);
            }

            await signingOut(context);
        };
    }

    private static PortalSessionStore Store(HttpContext http) => http.RequestServices.GetRequiredService<PortalSessionStore>();
}
