using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Infrastructure.Auth;

/// <summary>
/// A browser drops tabs and line breaks from a URL and reads a backslash as a slash, so any of them in a return
/// address could turn a path into another site. Such addresses send the person home, in both sign-in modes.
/// </summary>
public sealed class ReturnUrlTests
{
    public static TheoryData<string> Hostile =>
    [
        "/\t/evil.example", "/\r/evil.example", "/\n/evil.example", "/\r\n/evil.example", "/\\evil.example",
        "\\\\evil.example", "/models\\..\\/evil.example", "/%09/evil.example", "/%0d/evil.example", "/%0A/evil.example",
        "/%5cevil.example", "/%5C%5Cevil.example", "/%2509/evil.example", "/%2f/evil.example", "/\u0000/evil.example",
        "/\u007f/evil.example", "https://portal.contoso.example/%09/evil.example", "/ok\t",
    ];

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Control_characters_and_backslashes_raw_or_encoded_send_the_person_home(string candidate)
    {
        var request = new DefaultHttpContext().Request;
        request.Scheme = "https";
        request.Host = new HostString("portal.contoso.example");

        Assert.Equal("/", AccountEndpoints.SafeReturnUrl(candidate, request));
    }

    [Theory]
    [InlineData("/models/fraud-detector?tab=versions")]
    [InlineData("/audit?from=2026-01-01&q=a%20b")]
    public void Ordinary_portal_paths_are_kept(string candidate)
    {
        var request = new DefaultHttpContext().Request;
        request.Scheme = "https";
        request.Host = new HostString("portal.contoso.example");

        Assert.Equal(candidate, AccountEndpoints.SafeReturnUrl(candidate, request));
    }

    [Theory]
    [InlineData("/%09/evil.example")]
    [InlineData("/%0d%0a/evil.example")]
    [InlineData("/%5cevil.example")]
    [InlineData("%5C%5Cevil.example")]
    public async Task Development_login_passes_home_on_to_the_sign_in_page(string encodedReturnUrl)
    {
        using var app = new PortalAppFactory();
        using var client = app.CreateClientAs(null);

        using var response = await client.GetAsync(new Uri($"/account/login?returnUrl={encodedReturnUrl}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{AccountEndpoints.DevelopmentSignInPage}?returnUrl=%2F", response.Headers.Location!.PathAndQueryOf());
    }

    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("/\r\n/evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("/%5cevil.example")]
    public async Task Development_sign_in_with_a_hostile_return_address_goes_home_instead_of_failing(string returnUrl)
    {
        using var app = new PortalAppFactory();
        using var browser = new CookieClient(app);

        using var response = await browser.SignInAsync(Personas.Business, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/%09/evil.example")]
    [InlineData("/%0a/evil.example")]
    [InlineData("/%5cevil.example")]
    [InlineData("/%5C%5Cevil.example")]
    public async Task Entra_login_brings_the_person_back_home(string encodedReturnUrl)
    {
        var redirects = new ConcurrentQueue<string?>();
        using var app = EntraApp(redirects);
        using var client = app.CreateClientAs(null);

        using var response = await client.GetAsync(new Uri($"/account/login?returnUrl={encodedReturnUrl}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(Authorize, response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal("/", Assert.Single(redirects));
    }

    [Fact]
    public async Task Entra_login_keeps_an_ordinary_return_address()
    {
        var redirects = new ConcurrentQueue<string?>();
        using var app = EntraApp(redirects);
        using var client = app.CreateClientAs(null);

        using var response = await client.GetAsync(new Uri("/account/login?returnUrl=%2Fmodels", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/models", Assert.Single(redirects));
    }

    private const string Tenant = "11111111-1111-1111-1111-111111111111";
    private const string Authorize = $"https://login.microsoftonline.com/{Tenant}/oauth2/v2.0/authorize";

    /// <summary>Entra sign-in with static metadata (Entra cannot be reached here); records where each sign-in would return.</summary>
    internal static PortalAppFactory EntraApp(ConcurrentQueue<string?> redirects)
    {
        var app = new PortalAppFactory
        {
            EnvironmentName = "Production",
            UseTestAuthentication = false,
            ConfigureServices = services => services.PostConfigure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, options =>
            {
                options.Configuration = new OpenIdConnectConfiguration
                {
                    Issuer = $"https://login.microsoftonline.com/{Tenant}/v2.0",
                    AuthorizationEndpoint = Authorize,
                };
                options.ConfigurationManager = new Microsoft.IdentityModel.Protocols.StaticConfigurationManager<OpenIdConnectConfiguration>(options.Configuration);
                var redirect = options.Events.OnRedirectToIdentityProvider;
                options.Events.OnRedirectToIdentityProvider = async context =>
                {
                    redirects.Enqueue(context.Properties.RedirectUri);
                    await redirect(context);
                };
            }),
        };
        app.Settings["AzureAd:Instance"] = "https://login.microsoftonline.com/";
        app.Settings["AzureAd:TenantId"] = Tenant;
        app.Settings["AzureAd:ClientId"] = "22222222-2222-2222-2222-222222222222";
        return app;
    }
}
