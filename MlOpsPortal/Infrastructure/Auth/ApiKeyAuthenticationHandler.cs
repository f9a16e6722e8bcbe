using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace MlOpsPortal.Infrastructure.Auth;

/// <summary>
/// Authenticates portal-issued API keys from the <c>X-Api-Key</c> header (or as a bearer token) and answers every refusal of the
/// <c>/api</c> scheme with problem details: a pipeline needs to read why it was turned away, not follow a redirect.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeysService apiKeys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    // Names a careless client might use to put a key in the URL, where proxies and logs would keep it.
    private static readonly string[] QueryNames = ["apiKey", "api_key", "api-key", "x-api-key"];

    /// <summary>
    /// A portal key sent as <c>Authorization: Bearer mlp_…</c>, for senders that cannot set a header of their own
    /// (Alertmanager before 0.28 sets only Authorization). Entra tokens are JWTs ("eyJ…"), never "mlp_", so the two
    /// cannot be mistaken for each other; null when the header holds no portal key.
    /// </summary>
    internal static string? BearerKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization;
        if (authorization.Count != 1 || authorization[0] is not { } value || !value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = value["Bearer ".Length..].Trim();
        return token.StartsWith(ApiKeysService.KeyStart, StringComparison.Ordinal) ? token : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.ContainsKey(HeaderName) && BearerKey(Request) is { } bearer)
        {
            return await AuthenticateAsync(bearer);
        }

        if (!Request.Headers.TryGetValue(HeaderName, out var values))
        {
            return QueryNames.Any(Request.Query.ContainsKey)
                ? AuthenticateResult.Fail($"API keys are accepted only in the {HeaderName} header, never in the URL (URLs are logged). Move the key to the header, and consider it exposed.")
                : AuthenticateResult.NoResult();
        }

        if (values.Count != 1 || string.IsNullOrWhiteSpace(values[0]))
        {
            return AuthenticateResult.Fail($"Send exactly one API key in the {HeaderName} header.");
        }

        return await AuthenticateAsync(values[0]!.Trim());
    }

    private async Task<AuthenticateResult> AuthenticateAsync(string presented)
    {
        var check = await apiKeys.AuthenticateAsync(presented, Context.RequestAborted);
        if (!check.Succeeded)
        {
            return AuthenticateResult.Fail(check.Failure!);
        }

        // The same claim shapes as Entra tokens, so policies, services and the audit trail treat a key like an app.
        var identity = new ClaimsIdentity(
            [
                new Claim(PortalClaims.ObjectId, check.ActorId!),
                new Claim(PortalClaims.Name, check.ActorName!),
                .. check.Scopes.Select(scope => new Claim(PortalRoles.ClaimType, scope)),
            ],
            SchemeName,
            PortalClaims.Name,
            PortalRoles.ClaimType);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        string detail;
        if (Request.Headers.ContainsKey(HeaderName) || BearerKey(Request) is not null || QueryNames.Any(Request.Query.ContainsKey))
        {
            var result = await HandleAuthenticateOnceSafeAsync();
            detail = result.Failure?.Message ?? "The API key was not accepted.";
        }
        else if (Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            detail = "The bearer token was not accepted: it may have expired, be meant for another audience, or come from another tenant. Request a new token for this portal's Application ID URI.";
        }
        else
        {
            detail = $"Send an API key in the {HeaderName} header, or an Entra ID bearer token in the Authorization header; people can sign in to the portal instead.";
        }

        Response.Headers.WWWAuthenticate = PortalApiAuthentication.Challenges(Context);
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "Authentication required", detail);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var roles = Context.User.Roles();
        var has = roles.Count == 0 ? "none" : string.Join(", ", roles);
        // Name what this endpoint needs: a pipeline refused on metrics must not be told to get Registry.Write.
        var needed = (Context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>() ?? [])
            .SelectMany(a => a.Policy is null ? [] : Policies.RolesFor(a.Policy)).Distinct().ToList();
        var need = needed.Count == 0 ? string.Empty : $"This needs one of these roles (people, Entra app roles) or API key scopes: {string.Join(", ", needed)}. ";
        return WriteProblemAsync(StatusCodes.Status403Forbidden, "Not allowed",
            $"Your credentials do not allow this. {need}Roles and scopes presented: {has}.");
    }

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        var problems = Context.RequestServices.GetRequiredService<IProblemDetailsService>();
        var written = await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
        if (!written)
        {
            // The client accepts no JSON at all; plain text still tells it why.
            await Response.WriteAsync($"{title}: {detail}");
        }
    }
}
