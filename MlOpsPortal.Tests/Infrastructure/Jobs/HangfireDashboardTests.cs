using System.Net;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Infrastructure.Jobs;

public sealed class HangfireDashboardTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task Admin_sees_the_dashboard()
    {
        using var client = app.CreateClientAs(Personas.IdFor(PortalRoles.Admin));

        using var response = await client.GetAsync(new Uri("/hangfire", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("MlOpsPortal jobs", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PortalRoles.ModelsContributor)]
    [InlineData(PortalRoles.DeploymentsApprover)]
    [InlineData(PortalRoles.SupportEngineer)]
    [InlineData(PortalRoles.ExecutiveViewer)]
    [InlineData(PortalRoles.BusinessViewer)]
    [InlineData(PortalRoles.ComplianceAuditor)]
    public async Task Every_other_role_is_refused_with_403(string role)
    {
        using var client = app.CreateClientAs(Personas.IdFor(role));

        using var response = await client.GetAsync(new Uri("/hangfire", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("You do not have access", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task Anonymous_requests_go_to_sign_in_even_from_loopback_or_with_a_forged_forwarded_for(string? forwardedFor)
    {
        using var client = app.CreateClientAs(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hangfire/jobs/enqueued");
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(PortalAuth.LoginPath, response.Headers.Location!.PathAndQueryOf(), StringComparison.Ordinal);
    }
}
