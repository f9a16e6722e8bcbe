using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Browser;

/// <summary>
/// A revoked role leaves an open page without any navigation: the circuit re-checks the person's roles on its
/// revalidation interval (a minute in production, 2 seconds here) and the page it shows is refused.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class AccessRevocationTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_role_revoked_while_the_page_is_open_is_taken_away_from_the_live_circuit()
    {
        var requests = browser.App.Services.GetRequiredService<AccessRequests>();
        var grants = browser.App.Services.GetRequiredService<AccessGrants>();
        var page = await browser.NewPageAsync();
        await page.SignInAsync(Personas.Newcomer);
        var request = await requests.SubmitAsync(Personas.Newcomer, new AccessRequestInput(PortalRoles.DeploymentsApprover, "Covering the approver rota in December.", 30));
        var grantId = (await requests.ApproveAsync(Personas.Admin, request.Id, null)).GrantId!.Value;

        await page.GotoAsync("/deployments/approvals");
        await page.WaitForLiveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Approvals", Exact = true })).ToBeVisibleAsync();

        await grants.RevokeAsync(Personas.Admin, grantId, "Rota covered");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You do not have access to this page" })).ToBeVisibleAsync();
        Assert.EndsWith("/deployments/approvals", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
