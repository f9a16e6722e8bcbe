using System.Net;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Infrastructure.Jobs;

public sealed class HangfireDashboardTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task Admin_sees_the_dashboard()
    {
        using var client = app.CreateClientAs(Personas.Admin);

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
        using var client = app.CreateClientAs(Personas.ForRole(role));

        using var response = await client.GetAsync(new Uri("/hangfire", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("You do not have access", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PortalRoles.ModelsContributor, "/hangfire/recurring/trigger")]
    [InlineData(PortalRoles.SupportEngineer, "/hangfire/jobs/enqueued/delete")]
    [InlineData(PortalRoles.ComplianceAuditor, "/hangfire/stats")]
    public async Task A_post_by_any_other_role_is_refused_with_403_not_an_antiforgery_400(string role, string path)
    {
        using var client = app.CreateClientAs(Personas.ForRole(role));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["jobs[]"] = "sample-system-metrics" });

        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("You do not have access", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_post_without_the_dashboard_antiforgery_token_is_still_refused()
    {
        using var client = app.CreateClientAs(Personas.Admin);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["jobs[]"] = "sample-system-metrics" });

        using var response = await client.PostAsync(new Uri("/hangfire/recurring/trigger", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
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
