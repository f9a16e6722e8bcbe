using System.Net;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Infrastructure.Auth;

/// <summary>
/// A machine call is authenticated once, by the API policy's own scheme; the default (page) scheme runs for everything
/// else as before. The default scheme here counts its runs, then does what the portal's does (the cookie).
/// </summary>
public sealed class ApiCallAuthenticationTests : IDisposable
{
    private readonly DefaultSchemeRuns runs = new();
    private readonly PortalAppFactory app;

    public ApiCallAuthenticationTests()
    {
        app = new PortalAppFactory
        {
            UseTestAuthentication = false,
            ConfigureServices = services =>
            {
                services.AddSingleton(runs);
                services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, CountingCookieHandler>(CountingCookieHandler.SchemeName, _ => { });
                services.PostConfigure<AuthenticationOptions>(options => options.DefaultAuthenticateScheme = CountingCookieHandler.SchemeName);
            },
        };
    }

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task A_key_call_to_an_api_endpoint_is_authenticated_by_the_policy_scheme_alone()
    {
        var key = await app.CreateKeyAsync("exporter", PortalRoles.MetricsWrite);
        using var client = app.CreateClientWithKey(key.Secret);

        using var write = await client.PostJsonAsync("/api/v1/metrics", new { model = "no-such-model", environment = "production", points = Array.Empty<object>() });
        using var read = await client.GetPathAsync("/api/v1/metrics/query?model=no-such-model&environment=production&metric=model.accuracy");

        // Past authentication and authorization (the body and the query are refused on their merits), without the page scheme.
        Assert.Equal(HttpStatusCode.BadRequest, write.StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, read.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(0, runs.Count);
    }

    [Fact]
    public async Task A_key_without_the_scope_is_still_refused_with_problem_details()
    {
        var key = await app.CreateKeyAsync("registry-pipeline", PortalRoles.RegistryWrite);
        using var client = app.CreateClientWithKey(key.Secret);

        using var response = await client.PostJsonAsync("/api/v1/metrics", new { model = "m", environment = "production", points = Array.Empty<object>() });

        Assert.Contains(PortalRoles.MetricsWrite, (await response.ProblemAsync(HttpStatusCode.Forbidden))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, runs.Count);
    }

    [Fact]
    public async Task Pages_and_calls_without_a_machine_credential_still_go_through_the_default_scheme()
    {
        var key = await app.CreateKeyAsync("exporter", PortalRoles.MetricsWrite);
        using var withKey = app.CreateClientWithKey(key.Secret);
        using var anonymous = app.CreateClientAs(null);

        // A key is no sign-in for pages: the default scheme judges them, and finds no one.
        using (var page = await withKey.GetPathAsync("/models"))
        {
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.Equal(PortalAuth.LoginPath, page.Headers.Location!.AbsolutePath);
        }

        Assert.Equal(1, runs.Count);
        using (var api = await anonymous.GetPathAsync("/api/v1/models"))
        {
            await api.ProblemAsync(HttpStatusCode.Unauthorized);
        }

        // The API scheme falls back to the page scheme for a call without a machine credential: one run for the request.
        Assert.Equal(2, runs.Count);
    }

    private sealed class DefaultSchemeRuns
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public void Add() => Interlocked.Increment(ref count);
    }

    private sealed class CountingCookieHandler(
        IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, DefaultSchemeRuns runs)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "CountingCookie";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            runs.Add();
            return Context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
