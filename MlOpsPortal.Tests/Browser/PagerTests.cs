using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Browser;

/// <summary>
/// From the prerendered page to the live circuit's first rows, a list's pager never reads "0-0 of 0": beside "Loading
/// models…" that says the registry is empty.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class PagerTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_models_pager_appears_with_the_rows_and_never_reads_0_0_of_0_before_them()
    {
        var models = browser.App.Services.GetRequiredService<ModelsService>();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        for (var i = 1; i <= 26; i++)
        {
            await models.CreateModelAsync(Personas.Contributor.Principal,
                new ModelInput($"pager-{suffix}-{i:D2}", $"Pager {i}", null, "Dana Scientist", "Retail", null, RiskTier.Low, []));
        }

        var page = await browser.NewPageAsync();
        // Every range text the page ever shows, from the first parsed HTML on.
        await page.AddInitScriptAsync("""
            window.pagerTexts = [];
            const record = () => {
                for (const text of (document.body?.innerText ?? '').match(/\d+-\d+ of \d+/g) ?? []) {
                    if (!window.pagerTexts.includes(text)) window.pagerTexts.push(text);
                }
            };
            new MutationObserver(record).observe(document, { subtree: true, childList: true, characterData: true });
            """);
        await page.SignInAsync(Personas.Business, "/models");

        await Assertions.Expect(page.Locator(".mud-table-pagination-toolbar")).ToContainTextAsync(new Regex(@"1-25 of \d+"));
        var seen = await page.EvaluateAsync<string[]>("window.pagerTexts");
        Assert.NotEmpty(seen);
        Assert.DoesNotContain("0-0 of 0", seen);
    }
}
