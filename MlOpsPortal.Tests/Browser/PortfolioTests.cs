using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Browser;

[Collection(BrowserTests.Name)]
public sealed class PortfolioTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_executive_sees_the_critical_model_first_and_the_reason_behind_its_score()
    {
        var unit = $"Unit {Guid.NewGuid():N}"[..13];
        var failing = await SeedAsync("pf-failing", unit, auc: 0.55);
        var fine = await SeedAsync("pf-fine", unit, auc: 0.9);
        var page = await browser.NewPageAsync();
        await page.SignInAsync(Personas.Executive, "/portfolio");

        await page.GetByLabel("Business unit").SelectOptionAsync(unit);
        var rows = page.Locator("[data-testid='portfolio'] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        // The choice is in the address, so the view can be shared, and the select still shows it after the page re-renders.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("unit=" + Regex.Escape(Uri.EscapeDataString(unit))));
        await Assertions.Expect(page.GetByLabel("Business unit")).ToHaveValueAsync(unit);

        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync(failing);
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("Critical");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync(fine);
        await rows.Nth(0).ClickAsync();
        await Assertions.Expect(page.GetByTestId("health-breakdown")).ToContainTextAsync("past its threshold 0.7");
        await BrowserFixture.SaveScreenshotAsync(page, "portfolio");
        await page.Context.CloseAsync();
    }

    private async Task<string> SeedAsync(string prefix, string unit, double auc)
    {
        var key = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 7)];
        var dana = Personas.Contributor.Principal;
        var services = browser.App.Services;
        await services.GetRequiredService<ModelsService>().CreateModelAsync(dana, new ModelInput(key, key, "", "Dana", unit, "", RiskTier.High, []));
        var now = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O", CultureInfo.InvariantCulture);
        await services.GetRequiredService<MetricsIngestion>().IngestAsync("portfolio-test",
            new IngestionRequest(key, "production", null, [new IngestionPoint(MetricNames.Auc, JsonSerializer.SerializeToElement(now), JsonSerializer.SerializeToElement(auc))]),
            CancellationToken.None);
        return key;
    }
}
