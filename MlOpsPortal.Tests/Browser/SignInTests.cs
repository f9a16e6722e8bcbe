using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Browser;

[Collection(BrowserTests.Name)]
public sealed partial class SignInTests(BrowserFixture browser)
{
    [Theory]
    [MemberData(nameof(ExpectedNavigation.Roles), MemberType = typeof(ExpectedNavigation))]
    public async Task A_person_signs_in_sees_their_name_their_navigation_and_the_live_chart_then_signs_out(string role)
    {
        var persona = Personas.ForRole(role);
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(SignInPageUrl());
        await page.Locator($"button[data-persona='{persona.Id}']").ClickAsync();

        var userMenu = page.Locator("[data-testid='user-menu'] button").First;
        await Assertions.Expect(userMenu).ToHaveTextAsync(persona.Name);
        var navigation = page.Locator(".mud-drawer [data-nav]");
        await Assertions.Expect(navigation).ToHaveCountAsync(ExpectedNavigation.ByRole[role].Length);
        Assert.Equal(ExpectedNavigation.ByRole[role], await navigation.EvaluateAllAsync<string[]>("links => links.map(l => l.dataset.nav)"));
        // Each role lands on what it acts on (issue 15): the section of its role is the first thing on the home page.
        await Assertions.Expect(page.Locator(HomeSectionOf(role))).ToBeVisibleAsync();
        await page.WaitForLiveAsync(); // the summary shows before the circuit is live, unlike a drawn chart
        await BrowserFixture.SaveScreenshotAsync(page, $"home-{persona.Id}");

        await page.OpenMenuAsync("user-menu");
        await Assertions.Expect(page.GetByTestId("user-roles")).ToContainTextAsync(role);
        await page.GetByTestId("sign-out").ClickAsync();

        await Assertions.Expect(page.GetByTestId("signed-out")).ToBeVisibleAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(SignInPageUrl());
        await page.Context.CloseAsync();
    }

    [GeneratedRegex("/account/dev-sign-in")]
    private static partial Regex SignInPageUrl();

    private static string HomeSectionOf(string role) => role switch
    {
        PortalRoles.ExecutiveViewer => "[data-testid='latest-reports']",
        PortalRoles.DeploymentsApprover => "[data-testid='home-approvals']",
        PortalRoles.ModelsContributor => "[data-testid='home-contributions']",
        PortalRoles.SupportEngineer => "[data-testid='home-incidents']",
        PortalRoles.BusinessViewer => "[data-testid='home-followed']",
        PortalRoles.ComplianceAuditor => "[data-testid='home-verification']",
        _ => "[data-testid='cpu-chart'] .apexcharts-canvas",
    };
}
