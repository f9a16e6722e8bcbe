using Microsoft.Playwright;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Browser;

/// <summary>
/// Under the portal's Content-Security-Policy the pages still work in a real browser: the live chart draws, the
/// Hangfire dashboard and the Scalar reference run their scripts, and the browser reports no violation.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class ContentSecurityPolicyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Portal_jobs_dashboard_and_api_reference_run_without_a_single_violation()
    {
        var page = await browser.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add($"{page.Url}: {message.Text}");
            }
        };

        await page.SignInAsync(Personas.Admin);
        await Assertions.Expect(page.Locator("[data-testid='cpu-chart'] .apexcharts-canvas")).ToBeVisibleAsync();
        await page.OpenMenuAsync("user-menu");
        await Assertions.Expect(page.GetByTestId("user-roles")).ToContainTextAsync(PortalRoles.Admin);

        await page.GotoAsync("/hangfire");
        // The dashboard draws its graphs with its own scripts.
        await Assertions.Expect(page.Locator("canvas").First).ToBeVisibleAsync();
        await BrowserFixture.SaveScreenshotAsync(page, "csp-hangfire");
        await page.GotoAsync("/scalar");
        // The reference renders the OpenAPI document with its own (inline-started) script.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "MlOpsPortal API" }).First).ToBeVisibleAsync();
        await BrowserFixture.SaveScreenshotAsync(page, "csp-scalar");

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        await page.Context.CloseAsync();
    }
}
