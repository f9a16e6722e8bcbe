using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace MlOpsPortal.Infrastructure.Auth;

/// <summary>
/// The portal's own sign-in, sign-out and consent-challenge endpoints (Microsoft.Identity.Web.UI is not used).
/// </summary>
public static class AccountEndpoints
{
    public const string DevelopmentSignInPage = "/account/dev-sign-in";
    public const string ChallengePath = "/MicrosoftIdentity/Account/Challenge";

    public static IEndpointRouteBuilder MapPortalAccount(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var account = endpoints.MapGroup("/account").AllowAnonymous().ExcludeFromDescription();
        if (endpoints.ServiceProvider.GetRequiredService<IOptions<EntraOptions>>().Value.Configured)
        {
            account.MapGet("/login", (HttpContext http, string? returnUrl) =>
                Results.Challenge(new AuthenticationProperties { RedirectUri = SafeReturnUrl(returnUrl, http.Request) },
                    [OpenIdConnectDefaults.AuthenticationScheme]));
            account.MapPost("/logout", ([FromForm] string? returnUrl) =>
                Results.SignOut(new AuthenticationProperties { RedirectUri = "/" },
                    [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]));
            // MicrosoftIdentityConsentAndConditionalAccessHandler navigates here when a token needs more consent or a conditional-access step.
            endpoints.MapGet(ChallengePath, Challenge).AllowAnonymous().ExcludeFromDescription();
        }
        else
        {
            account.MapGet("/login", (string? returnUrl, HttpContext http) =>
                Results.LocalRedirect($"{DevelopmentSignInPage}?returnUrl={Uri.EscapeDataString(SafeReturnUrl(returnUrl, http.Request))}"));
            account.MapPost("/dev-sign-in", async (HttpContext http, [FromForm] string persona, [FromForm] string? returnUrl) =>
            {
                var found = DevelopmentPersonas.Find(persona);
                if (found is null)
                {
                    return Results.LocalRedirect($"{DevelopmentSignInPage}?error=unknown-persona");
                }

                await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, DevelopmentPersonas.ToPrincipal(found));
                return Results.LocalRedirect(SafeReturnUrl(returnUrl, http.Request));
            });
            account.MapPost("/logout", async (HttpContext http, [FromForm] string? returnUrl) =>
            {
                await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                return Results.LocalRedirect($"{DevelopmentSignInPage}?signedOut=true");
            });
        }

        return endpoints;
    }

    private static IResult Challenge(HttpContext http, string? redirectUri, string? scope, string? loginHint,
        string? domainHint, string? claims, string? policy)
    {
        var properties = new OAuthChallengeProperties(
            new Dictionary<string, string?> { ["claims"] = claims, ["policy"] = policy },
            new Dictionary<string, object?> { ["login_hint"] = loginHint, ["domain_hint"] = domainHint })
        {
            RedirectUri = SafeReturnUrl(redirectUri, http.Request),
        };
        if (!string.IsNullOrWhiteSpace(scope))
        {
            properties.Scope = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }

        return Results.Challenge(properties, [OpenIdConnectDefaults.AuthenticationScheme]);
    }

    /// <summary>
    /// Only a path on this site may follow a sign-in; an absolute URL is accepted when it names this site
    /// (the consent handler sends those). Anything else goes home, closing the open-redirect hole: a browser drops
    /// tabs and line breaks and reads a backslash as a slash, so <c>/\t/evil.example</c> would become
    /// <c>//evil.example</c>. Control characters and backslashes, raw or percent-encoded, therefore send the user home.
    /// </summary>
    public static string SafeReturnUrl(string? candidate, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(candidate) || HasUnsafeCharacters(candidate))
        {
            return "/";
        }

        if (Uri.TryCreate(candidate, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            var samePlace = string.Equals(absolute.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
                && string.Equals(absolute.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
            candidate = samePlace ? absolute.PathAndQuery : "/";
        }

        return IsLocalPath(candidate) && !HasUnsafeCharacters(candidate) ? candidate : "/";
    }

    /// <summary>
    /// Whether <paramref name="candidate"/> is a path on this site that is safe to send a person back to (the rules of
    /// <see cref="SafeReturnUrl"/>, for pages that offer a way back rather than redirect).
    /// </summary>
    public static bool IsSafeLocalPath(string? candidate) =>
        !string.IsNullOrWhiteSpace(candidate) && !HasUnsafeCharacters(candidate) && IsLocalPath(candidate);

    /// <summary>Looks through every layer of percent-encoding, so <c>%2509</c> counts as a tab too.</summary>
    private static bool HasUnsafeCharacters(string candidate)
    {
        var text = candidate;
        for (var layer = 0; layer < 4; layer++)
        {
            if (text.Any(c => char.IsControl(c) || c == '\\'))
            {
                return true;
            }

            var decoded = Uri.UnescapeDataString(text);
            if (decoded == text)
            {
                return false;
            }

            text = decoded;
        }

        return true;
    }

    private static bool IsLocalPath(string path)
    {
        var decoded = Uri.UnescapeDataString(path);
        return path.StartsWith('/')
            && !path.StartsWith("//", StringComparison.Ordinal)
            && !decoded.StartsWith("//", StringComparison.Ordinal);
    }
}
