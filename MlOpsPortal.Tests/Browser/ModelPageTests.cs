using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Browser;

/// <summary>The model page as a person uses it: the registry's own tabs, then the tabs the features above add to it.</summary>
[Collection(BrowserTests.Name)]
public sealed class ModelPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task Every_tab_of_the_model_page_shows_its_feature_and_versions_link_to_themselves()
    {
        var key = $"tabs-{Guid.NewGuid().ToString("N")[..6]}";
        var admin = Personas.Admin.Principal;
        var models = browser.App.Services.GetRequiredService<ModelsService>();
        await models.CreateModelAsync(admin, new ModelInput(key, "Tabs check", "", "Payments", "Payments", "", RiskTier.Low, []));
        foreach (var version in new[] { 1, 2 })
        {
            await models.RegisterVersionAsync(admin, key, new VersionInput(
                "sklearn", $"s3://m/{version}/model.bin", new string('a', 64), null, null, null, [], null, null, new ModelCard()));
        }

        var page = await browser.NewPageAsync();
        await page.SignInAsync(Personas.Contributor, RegistryLinks.Model(key));
        var tabs = page.GetByTestId("model-tabs").GetByRole(AriaRole.Tab);
        await Assertions.Expect(tabs).ToHaveTextAsync(["Overview", "Versions (2)", "Lineage", "Model card", "Deployments", "Incidents", "Monitoring", "Alerts", "Quality"]);

        await tabs.Filter(new() { HasText = "Versions" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "v1", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/models/{key}/versions/1$"));

        await page.GotoAsync(RegistryLinks.Model(key));
        await page.WaitForLiveAsync();
        foreach (var (tab, content) in new[] { ("Deployments", "deployments-per-environment"), ("Incidents", "model-incident-summary"), ("Quality", "quality-panel") })
        {
            await tabs.Filter(new() { HasText = tab }).ClickAsync();
            await Assertions.Expect(page.GetByTestId(content)).ToBeVisibleAsync();
        }

        await page.Context.CloseAsync();
    }
}
