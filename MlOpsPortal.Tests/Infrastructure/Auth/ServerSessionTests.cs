using System.Net;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Infrastructure.Auth;

/// <summary>Signing out ends the session on the server: a saved copy of the cookie is worthless afterwards.</summary>
public sealed class ServerSessionTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private static readonly Persona Persona = Personas.Business;

    [Fact]
    public async Task A_cookie_saved_before_sign_out_is_refused_afterwards_while_a_fresh_sign_in_works()
    {
        using var browser = new CookieClient(app);
        using (var signIn = await browser.SignInAsync(Persona))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        var saved = browser.Cookies[CookieClient.AuthCookie];
        using (var home = await browser.GetAsync("/"))
        {
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        }

        await browser.SignOutAsync();

        using var attacker = new CookieClient(app);
        attacker.Cookies[CookieClient.AuthCookie] = saved;
        using var replayed = await attacker.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith(PortalAuth.LoginPath, replayed.Headers.Location!.PathAndQueryOf(), StringComparison.Ordinal);

        using var again = new CookieClient(app);
        using (await again.SignInAsync(Persona)) { }
        using var fresh = await again.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task Open_circuits_revalidate_every_minute_and_fail_once_the_session_has_ended()
    {
        var store = app.Services.GetRequiredService<PortalSessionStore>();
        var sessionId = await store.StartAsync(Persona.Id, TimeSpan.FromHours(1), CancellationToken.None);
        var principal = Persona.Principal;
        ((System.Security.Claims.ClaimsIdentity)principal.Identity!).AddClaim(new(PortalSessionStore.ClaimType, sessionId));
        using var provider = new Probe(store, app.Services.GetRequiredService<CurrentRoles>());
        var state = new AuthenticationState(principal);

        Assert.True(provider.Interval <= TimeSpan.FromMinutes(1));
        Assert.True(await provider.ValidateAsync(state));

        await store.EndAsync(sessionId, CancellationToken.None);

        Assert.False(await provider.ValidateAsync(state));
    }

    [Fact]
    public async Task Signing_in_clears_that_persons_finished_sessions_and_keeps_their_live_ones()
    {
        var store = app.Services.GetRequiredService<PortalSessionStore>();
        var user = $"user-{Guid.NewGuid():N}";
        var ended = await store.StartAsync(user, TimeSpan.FromHours(1), CancellationToken.None);
        var live = await store.StartAsync(user, TimeSpan.FromHours(1), CancellationToken.None);
        await store.EndAsync(ended, CancellationToken.None);

        var next = await store.StartAsync(user, TimeSpan.FromHours(1), CancellationToken.None);

        var ids = await app.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Set<PortalSession>().Where(s => s.UserId == user).OrderBy(s => s.Id).Select(s => s.Id)));
        Assert.Equal(new[] { live, next }.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
    }

    private sealed class Probe(PortalSessionStore store, CurrentRoles roles)
        : RevalidatingSessionStateProvider(NullLoggerFactory.Instance, store, roles, Microsoft.Extensions.Options.Options.Create(new CircuitRevalidationOptions()))
    {
        public TimeSpan Interval => RevalidationInterval;

        public Task<bool> ValidateAsync(AuthenticationState state) => ValidateAuthenticationStateAsync(state, CancellationToken.None);
    }
}
