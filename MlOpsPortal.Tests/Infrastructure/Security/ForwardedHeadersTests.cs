using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MlOpsPortal.Tests.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Infrastructure.Security;

/// <summary>
/// Behind a TLS-terminating load balancer the portal learns the client's scheme from X-Forwarded-Proto, but only
/// when the balancer is a configured proxy; HSTS and the Secure cookie follow from that.
/// </summary>
public sealed class ForwardedHeadersTests : IDisposable
{
    private const string Proxy = "10.20.30.40";
    private const string RemoteHeader = "X-Test-Remote-Ip";
    private readonly PortalAppFactory app;

    public ForwardedHeadersTests()
    {
        var entra = ReturnUrlTests.EntraApp(new ConcurrentQueue<string?>());
        app = new PortalAppFactory
        {
            EnvironmentName = entra.EnvironmentName,
            UseTestAuthentication = false,
            ConfigureServices = services =>
            {
                entra.ConfigureServices!(services);
                services.AddTransient<IStartupFilter, RemoteAddressFromHeader>();
            },
        };
        foreach (var (key, value) in entra.Settings)
        {
            app.Settings[key] = value;
        }

        app.Settings["Security:KnownProxies:0"] = Proxy;
        entra.Dispose();
    }

    [Fact]
    public async Task Https_forwarded_by_a_configured_proxy_gets_hsts_for_a_year_and_https_callbacks()
    {
        using var response = await ViaAsync(Proxy);

        Assert.Equal("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
        Assert.Contains("redirect_uri=https%3A%2F%2Fportal.contoso.example%2Fsignin-oidc", response.Headers.Location!.Query, StringComparison.Ordinal);
        SecurityHeadersTests.AssertHeaders("/account/login", response);
    }

    [Theory]
    [InlineData("10.20.30.41")]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task Forwarded_headers_from_anyone_else_are_ignored(string sender)
    {
        using var response = await ViaAsync(sender);

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.Contains("redirect_uri=http%3A%2F%2Fportal.contoso.example%2Fsignin-oidc", response.Headers.Location!.Query, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sign_in_and_antiforgery_cookies_are_secure_outside_development()
    {
        _ = app.Server;
        var cookie = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme).Cookie;
        var antiforgery = app.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie;

        Assert.Equal(CookieSecurePolicy.Always, cookie.SecurePolicy);
        Assert.True(cookie.HttpOnly);
        // ASP.NET Core's default for the antiforgery cookie is None: it went out without Secure even over https.
        Assert.Equal(CookieSecurePolicy.Always, antiforgery.SecurePolicy);
    }

    private async Task<HttpResponseMessage> ViaAsync(string sender)
    {
        using var client = app.CreateClientAs(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login?returnUrl=%2F");
        request.Headers.Host = "portal.contoso.example";
        request.Headers.Add(RemoteHeader, sender);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }

    /// <summary>The test server has no peer address; this stands in for the connection's sender.</summary>
    private sealed class RemoteAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
        {
            builder.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(RemoteHeader, out var address))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }

                return nextMiddleware(context);
            });
            next(builder);
        };
    }

    public void Dispose() => app.Dispose();
}
