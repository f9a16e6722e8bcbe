using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace MlOpsPortal.Infrastructure.Auth;

/// <summary>
/// How <c>/api/v1</c> callers prove who they are: an API key, an Entra bearer token, or the portal's own sign-in.
/// One policy scheme picks the right one per request, so the API policies name a single scheme.
/// </summary>
/// <remarks>
/// Cookie-authenticated writes need no antiforgery token: the cookie is SameSite=Lax, so browsers do not send it
/// on cross-site POSTs, and the endpoints accept only <c>application/json</c> bodies, which a cross-site form cannot
/// send and a cross-site script cannot send without a CORS preflight the portal never grants.
/// </remarks>
public static class PortalApiAuthentication
{
    public const string SchemeName = "Api";

    internal static void Add(AuthenticationBuilder authentication, bool bearerTokens)
    {
        authentication.AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, _ => { });
        authentication.AddPolicyScheme(SchemeName, "API key, bearer token or portal sign-in", options =>
        {
            options.ForwardDefaultSelector = context => SelectScheme(context, bearerTokens);
            // Refusals always come back as problem details; a cookie or OpenID Connect challenge would redirect.
            options.ForwardChallenge = ApiKeyAuthenticationHandler.SchemeName;
            options.ForwardForbid = ApiKeyAuthenticationHandler.SchemeName;
        });
    }

    /// <summary>The schemes a refused caller may use, for the WWW-Authenticate header.</summary>
    internal static StringValues Challenges(HttpContext context)
    {
        return HasBearerScheme(context)
            ? new StringValues([$"ApiKey header=\"{ApiKeyAuthenticationHandler.HeaderName}\"", "Bearer"])
            : new StringValues($"ApiKey header=\"{ApiKeyAuthenticationHandler.HeaderName}\"");
    }

    private static bool HasBearerScheme(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<AuthenticationOptions>>().Value.SchemeMap.ContainsKey(JwtBearerDefaults.AuthenticationScheme);

    private static string SelectScheme(HttpContext context, bool bearerTokens)
    {
        if (context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName) || ApiKeyAuthenticationHandler.BearerKey(context.Request) is not null)
        {
            return ApiKeyAuthenticationHandler.SchemeName;
        }

        if (bearerTokens && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return JwtBearerDefaults.AuthenticationScheme;
        }

        // No machine credential: whoever authenticates the portal's pages (the cookie; the test handler in tests).
        var defaults = context.RequestServices.GetRequiredService<IOptions<AuthenticationOptions>>().Value;
        var fallback = defaults.DefaultAuthenticateScheme ?? CookieAuthenticationDefaults.AuthenticationScheme;
        return fallback == SchemeName ? CookieAuthenticationDefaults.AuthenticationScheme : fallback;
    }
}
