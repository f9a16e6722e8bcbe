using System.Net;
using System.Net.Http.Json;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Access;

/// <summary>
/// Through real HTTP and the real sign-in cookie: a role granted in the portal works on the person's next request, and a
/// revoked one is refused on the next request although the cookie, issued before, is the same.
/// </summary>
public sealed class RevocationOverHttpTests : IDisposable
{
    private const string ApproverPage = "/deployments/approvals";
    private readonly PortalAppFactory app = new() { UseTestAuthentication = false };

    public void Dispose() => app.Dispose();

    private static async Task<HttpResponseMessage> PostJsonAsync(CookieClient client, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task A_granted_role_works_on_the_next_request_and_a_revoked_one_is_refused_on_the_next_request_with_the_same_cookie()
    {
        using var newcomer = new CookieClient(app);
        using var admin = new CookieClient(app);
        await newcomer.SignInAsync(Personas.Newcomer);
        await admin.SignInAsync(Personas.Admin);
        Assert.Equal(HttpStatusCode.Forbidden, (await newcomer.GetAsync(ApproverPage)).StatusCode);

        using var asked = await PostJsonAsync(newcomer, "/api/v1/access/requests",
            new { role = PortalRoles.DeploymentsApprover, justification = "Covering the approver rota in December.", durationDays = 30 });
        var request = await asked.JsonAsync();
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        using var approved = await PostJsonAsync(admin, $"/api/v1/access/requests/{request["id"]}/approve", new { comment = "Rota" });
        var grantId = (await approved.JsonAsync())["grantId"]!.GetValue<int>();

        Assert.Equal(HttpStatusCode.OK, (await newcomer.GetAsync(ApproverPage)).StatusCode);
        using (var allowed = await PostJsonAsync(newcomer, "/api/v1/deployment-requests/999999/approve", new { }))
        {
            Assert.Equal(HttpStatusCode.NotFound, allowed.StatusCode);
        }

        using var revoked = await PostJsonAsync(admin, $"/api/v1/access/grants/{grantId}/revoke", new { reason = "Rota covered" });
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await newcomer.GetAsync(ApproverPage)).StatusCode);
        using var api = await PostJsonAsync(newcomer, "/api/v1/deployment-requests/999999/approve", new { });
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
    }

    [Fact]
    public async Task Deciding_your_own_request_over_the_api_is_refused_with_a_problem_that_says_why()
    {
        using var support = new CookieClient(app);
        await support.SignInAsync(Personas.Support);
        using var asked = await PostJsonAsync(support, "/api/v1/access/requests",
            new { role = PortalRoles.BusinessViewer, justification = "I answer business users about their dashboards.", durationDays = 90 });
        var id = (await asked.JsonAsync())["id"]!.GetValue<int>();

        using var own = await PostJsonAsync(support, $"/api/v1/access/requests/{id}/approve", new { });

        var problem = await own.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("Nobody decides their own request: another support engineer or administrator must.", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Api_keys_cannot_ask_for_roles()
    {
        var key = await app.CreateKeyAsync("ci", PortalRoles.RegistryWrite);
        using var client = app.CreateClientWithKey(key.Secret);

        using var asked = await client.PostJsonAsync("/api/v1/access/requests",
            new { role = PortalRoles.Admin, justification = "A pipeline wants to be an administrator.", durationDays = 30 });

        var problem = await asked.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("API keys and applications cannot", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
