using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Browser;

[Collection(BrowserTests.Name)]
public sealed class ModelCardTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_contributor_completes_a_missing_card_section_and_sees_completeness_rise()
    {
        var key = $"card-model-{Guid.NewGuid():N}"[..24];
        var models = browser.App.Services.GetRequiredService<ModelsService>();
        var dana = Personas.Contributor.Principal;
        await models.CreateModelAsync(dana, new ModelInput(key, "Card model", "", "Dana", "Retail", "", RiskTier.Low, []));
        await models.RegisterVersionAsync(dana, key, new VersionInput("sklearn", "s3://m/model.bin", new string('c', 64), null, null, null, [], null, null,
            new ModelCard { IntendedUse = "Demo", TrainingData = "Demo data", EvaluationData = "Hold-out", Metrics = "AUC" }));
        var page = await browser.NewPageAsync();
        await page.SignInAsync(Personas.Contributor, $"/models/{key}/versions/1");
        await Assertions.Expect(page.Locator("[data-section='Limitations'][data-missing='true']")).ToBeVisibleAsync();

        await page.GetByTestId("edit-card").ClickAsync();
        await page.GetByTestId("card-Limitations").FillAsync("Weak for customers younger than 3 months.");
        await page.GetByTestId("save-card").ClickAsync();

        await Assertions.Expect(page.Locator("[data-section='Limitations']")).ToContainTextAsync("Weak for customers younger than 3 months.");
        await Assertions.Expect(page.Locator("[data-section='Limitations'][data-missing='true']")).ToHaveCountAsync(0);
        await BrowserFixture.SaveScreenshotAsync(page, "registry-card-edited");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_business_viewer_sees_no_edit_button()
    {
        var key = $"card-view-{Guid.NewGuid():N}"[..23];
        var models = browser.App.Services.GetRequiredService<ModelsService>();
        var dana = Personas.Contributor.Principal;
        await models.CreateModelAsync(dana, new ModelInput(key, "Card model", "", "Dana", "Retail", "", RiskTier.Low, []));
        await models.RegisterVersionAsync(dana, key, new VersionInput("sklearn", "s3://m/model.bin", new string('c', 64), null, null, null, [], null, null, null));
        var page = await browser.NewPageAsync();

        await page.SignInAsync(Personas.Business, $"/models/{key}/versions/1");

        await Assertions.Expect(page.GetByTestId("model-card")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("edit-card")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
