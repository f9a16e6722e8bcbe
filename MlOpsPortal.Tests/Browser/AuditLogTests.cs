using Microsoft.Playwright;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Browser;

[Collection(BrowserTests.Name)]
public sealed class AuditLogTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_auditor_finds_their_own_sign_in_and_verifies_the_chain()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync(Personas.Auditor, "/audit");

        var rows = page.Locator("table tbody tr");
        await Assertions.Expect(rows.Filter(new LocatorFilterOptions { HasText = "Aldo Auditor" }).Filter(new LocatorFilterOptions { HasText = "auth.sign-in" }).First).ToBeVisibleAsync();

        await page.GetByTestId("verify-now").ClickAsync();
        await Assertions.Expect(page.GetByTestId("verification-status")).ToHaveTextAsync("Intact");
        await Assertions.Expect(page.GetByTestId("head-hash")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9a-f]{64}$"));
        await BrowserFixture.SaveScreenshotAsync(page, "audit-auditor");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_business_viewer_is_refused_the_audit_log_and_the_refusal_is_recorded()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync(Personas.Business);

        var response = await page.GotoAsync("/audit");

        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You do not have access to this page" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();

        var auditor = await browser.NewPageAsync();
        await auditor.SignInAsync(Personas.Auditor, "/audit");
        var refusal = auditor.Locator("table tbody tr").Filter(new LocatorFilterOptions { HasText = "auth.access-denied" })
            .Filter(new LocatorFilterOptions { HasText = "Bea Business" }).First;
        await Assertions.Expect(refusal).ToContainTextAsync("/audit");
        await auditor.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1366, 860, false)]
    [InlineData(390, 844, true)]
    public async Task Pages_render_at_laptop_and_phone_width_in_both_themes(int width, int height, bool dark)
    {
        var page = await browser.NewPageAsync(width, height);
        await page.SignInAsync(Personas.Admin);
        var toggle = page.GetByTestId("theme-toggle");
        var wantsDark = dark ? "Switch to light theme" : "Switch to dark theme";
        if (await toggle.GetAttributeAsync("aria-label") != wantsDark)
        {
            await toggle.ClickAsync();
        }

        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-label", wantsDark);
        await page.ReloadAsync(); // the choice is remembered for this person
        await page.WaitForLiveAsync();
        await Assertions.Expect(page.GetByTestId("theme-toggle")).ToHaveAttributeAsync("aria-label", wantsDark);
        await Assertions.Expect(page.Locator("[data-testid='cpu-chart'] .apexcharts-canvas")).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the page scrolls sideways");
        await BrowserFixture.SaveScreenshotAsync(page, $"home-{width}-{(dark ? "dark" : "light")}");
        await page.GotoAsync("/audit");
        await Assertions.Expect(page.GetByTestId("verification")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("table tbody tr").Filter(new LocatorFilterOptions { HasText = "Ada Admin" }).First).ToBeVisibleAsync();
        await BrowserFixture.SaveScreenshotAsync(page, $"audit-{width}-{(dark ? "dark" : "light")}");
        await page.Context.CloseAsync();
    }
}
