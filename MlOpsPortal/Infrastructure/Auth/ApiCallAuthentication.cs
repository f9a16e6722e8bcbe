using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using MlOpsPortal.Infrastructure.Api;

namespace MlOpsPortal.Infrastructure.Auth;

/// <summary>
/// The authentication middleware, except for machine calls that authorization authenticates itself. An <c>/api</c>
/// request carrying an API key or a bearer token, to an endpoint whose policy names its authentication schemes (the
/// API policies name <see cref="PortalApiAuthentication.SchemeName"/>), is authenticated by the authorization
/// middleware through those schemes, which replaces whatever the default scheme (the cookie) found. Running the
/// default scheme first would be work thrown away on every call; every other request is authenticated as before.
/// </summary>
public static class ApiCallAuthentication
{
    // WebApplication adds the authentication middleware at the top of the pipeline unless this (framework-internal) key
    // says the application placed it; ASP.NET Core's own tests set it the same way for a custom middleware.
    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";

    /// <summary>In place of <c>UseAuthentication</c>: between routing and authorization.</summary>
    public static IApplicationBuilder UsePortalAuthentication(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Properties[AuthenticationMiddlewareSetKey] = true;
        var schemes = app.ApplicationServices.GetRequiredService<IAuthenticationSchemeProvider>();
        var policies = app.ApplicationServices.GetRequiredService<IAuthorizationPolicyProvider>();
        return app.Use(next => new Middleware(next, new AuthenticationMiddleware(next, schemes), policies).InvokeAsync);
    }

    private sealed class Middleware(RequestDelegate next, AuthenticationMiddleware authenticate, IAuthorizationPolicyProvider policies)
    {
        // Per endpoint (a fixed set), whether its policy names schemes; policies do not change while the portal runs.
        private readonly ConcurrentDictionary<Endpoint, Task<bool>> authenticatedByPolicy = new();

        public Task InvokeAsync(HttpContext context) =>
            IsMachineCall(context.Request) && context.GetEndpoint() is { } endpoint
                ? InvokeMachineCallAsync(context, endpoint)
                : authenticate.Invoke(context);

        private async Task InvokeMachineCallAsync(HttpContext context, Endpoint endpoint)
        {
            if (await authenticatedByPolicy.GetOrAdd(endpoint, e => PolicyNamesSchemesAsync(e, policies)))
            {
                await next(context);
            }
            else
            {
                await authenticate.Invoke(context);
            }
        }
    }

    private static bool IsMachineCall(HttpRequest request) =>
        PortalApi.IsApiRequest(request)
        && (request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName)
            || request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether authorization will authenticate calls to <paramref name="endpoint"/> through named schemes only.</summary>
    private static async Task<bool> PolicyNamesSchemesAsync(Endpoint endpoint, IAuthorizationPolicyProvider policies)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return false;
        }

        // Combined as the authorization middleware combines them, so an endpoint is judged by the policy it really gets.
        var policy = await AuthorizationPolicy.CombineAsync(
            policies,
            endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(),
            endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>());
        return policy is { AuthenticationSchemes.Count: > 0 };
    }
}
