using System.Net;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Infrastructure.Auth;

public sealed class SignInRedirectTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task Anonymous_home_page_request_is_sent_to_sign_in_with_its_return_address()
    {
        using var client = app.CreateClientAs(null);

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(PortalAuth.LoginPath, response.Headers.Location!.PathAndQueryOf(), StringComparison.Ordinal);
        Assert.EndsWith("ReturnUrl=%2F", response.Headers.Location!.PathAndQueryOf(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Development_login_leads_to_the_persona_page_which_lists_every_role()
    {
        using var client = app.CreateClientAs(null, followRedirects: true);

        var html = await client.GetStringAsync(new Uri("/account/login?returnUrl=%2F", UriKind.Relative));

        foreach (var persona in DevelopmentPersonas.All)
        {
            Assert.Contains(persona.Name, html, StringComparison.Ordinal);
            Assert.Contains(persona.Role!, html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("https://evil.example/steal", "/")]
    [InlineData("//evil.example/steal", "/")]
    [InlineData("/%2fevil.example", "/")]
    [InlineData("/audit?page=2", "/audit?page=2")]
    public void Return_addresses_never_leave_the_portal(string candidate, string expected)
    {
        var request = new Microsoft.AspNetCore.Http.DefaultHttpContext().Request;
        request.Scheme = "https";
        request.Host = new Microsoft.AspNetCore.Http.HostString("portal.contoso.example");

        Assert.Equal(expected, AccountEndpoints.SafeReturnUrl(candidate, request));
    }

    [Fact]
    public async Task Signed_in_persona_gets_the_home_page()
    {
        using var client = app.CreateClientAs(Personas.Business);

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
