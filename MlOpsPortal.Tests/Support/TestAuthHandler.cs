using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MlOpsPortal.Tests.Support;

/// <summary>
/// One of the named <see cref="Personas"/>, chosen by a request header carrying its id. Challenges and refusals go to the portal's cookie scheme,
/// so tests observe exactly what a browser would (redirect to sign-in, 403 page).
/// </summary>
public sealed class TestAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";
    public const string HeaderName = "X-Test-Persona";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var personaId))
        {
            return await Context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }

        var persona = Personas.Find(personaId);
        return persona is null
            ? AuthenticateResult.Fail($"Unknown test persona '{personaId}'.")
            : AuthenticateResult.Success(new AuthenticationTicket(persona.Principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Context.ChallengeAsync(CookieAuthenticationDefaults.AuthenticationScheme, properties);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Context.ForbidAsync(CookieAuthenticationDefaults.AuthenticationScheme, properties);
}
