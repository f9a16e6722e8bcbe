using Microsoft.AspNetCore.Authentication.Cookies;
using MlOpsPortal.Infrastructure.Audit;

namespace MlOpsPortal.Infrastructure.Auth;

/// <summary>
/// Records sign-in and sign-out at the cookie, which both the development sign-in and Entra ID go through,
/// so every way in and out of the portal leaves one audit event.
/// </summary>
internal static class SignInAuditing
{
    public static void Attach(CookieAuthenticationOptions options)
    {
        var signedIn = options.Events.OnSignedIn;
        var signingOut = options.Events.OnSigningOut;
        options.Events.OnSignedIn = async context =>
        {
            await Record(context.HttpContext, context.Principal, "auth.sign-in");
            await signedIn(context);
        };
        options.Events.OnSigningOut = async context =>
        {
            await Record(context.HttpContext, context.HttpContext.User, "auth.sign-out");
            await signingOut(context);
        };
    }

    private static async Task Record(HttpContext http, System.Security.Claims.ClaimsPrincipal? user, string action)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return;
        }

        var audit = http.RequestServices.GetRequiredService<AuditLog>();
        await audit.RecordAsync(
            AuditActor.From(user), action, "User", user.UserId(),
            new { roles = user.Roles(), upn = user.PrincipalName(), method = user.Identity.AuthenticationType, ip = http.Connection.RemoteIpAddress?.ToString() },
            http.RequestAborted);
    }
}
