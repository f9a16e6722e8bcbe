using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Browser;

/// <summary>
/// From the prerendered page to the live circuit's first rows, the models list never says the registry is empty: not
/// with its empty text, and not with a pager reading "0-0 of 0" beside "Loading models…".
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class PagerTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_models_list_says_it_is_loading_until_its_rows_come_never_empty_or_0_0_of_0()
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
            window.emptyTextShown = false;
            const record = () => {
                if (document.querySelector("[data-testid='models-empty']")) window.emptyTextShown = true;
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
        // Nor does the list say the registry is empty while its rows are on their way.
        Assert.False(await page.EvaluateAsync<bool>("window.emptyTextShown"), "the empty text showed before the rows");
        await BrowserFixture.SaveScreenshotAsync(page, "models-list-1366");
        await page.SetViewportSizeAsync(390, 844);
        await BrowserFixture.SaveScreenshotAsync(page, "models-list-390");
    }
}
