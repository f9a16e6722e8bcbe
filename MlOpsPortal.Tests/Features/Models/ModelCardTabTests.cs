using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Models;

/// <summary>The model page's Model card tab lists what is missing and lets a contributor write it there, not only on the version page.</summary>
public sealed class ModelCardTabTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly BunitContext bunit = new();
    private PortalServices portal = default!;

    public async Task InitializeAsync()
    {
        portal = await PortalServices.StartAsync();
        bunit.UsePortalServices(portal.Services, TimeProvider.System,
            typeof(ModelsService), typeof(RegistryRules), typeof(Lineage), typeof(ModelCards), typeof(ModelFollowers), typeof(IAuthorizationService));
        var models = portal.Services.GetRequiredService<ModelsService>();
        await models.CreateModelAsync(Personas.Admin, new ModelInput("card-tab", "Card tab", "", "Dana", "Retail", "", RiskTier.Low, []));
        await models.RegisterVersionAsync(Personas.Admin, "card-tab", new VersionInput("sklearn", "s3://m/model.bin", new string('c', 64), null, null, null, [], null, null,
            new ModelCard { IntendedUse = "Retention calls", TrainingData = "Twelve months of customers" }));
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await bunit.DisposeAsync();
        await portal.DisposeAsync();
    }

    [Fact]
    public async Task A_contributor_sees_the_missing_sections_and_writes_them_from_the_tab()
    {
        var page = OpenCardTab(Personas.Contributor);
        var missing = page.Find("[data-testid='card-panel'] [data-testid='missing-sections']").TextContent;
        Assert.Contains("Evaluation data", missing, StringComparison.Ordinal);
        Assert.Contains("Limitations", missing, StringComparison.Ordinal);

        page.Find("[data-testid='edit-card']").Click();
        page.WaitForElement("[data-testid='card-dialog']");
        page.Input("card-EvaluationData").Change("The last 30 days, held out.");
        page.Input("card-Metrics").Change("AUC 0.86");
        page.Input("card-Limitations").Change("New customers score poorly.");
        await page.Find("[data-testid='save-card']").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid='card-dialog']")));
        page.WaitForAssertion(() => Assert.Equal("100%", page.Find("[data-testid='card-panel'] [data-testid='documentation-percent']").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid='card-panel'] [data-testid='missing-sections']"));
        Assert.Contains("New customers score poorly.", page.Find("[data-section='Limitations']").TextContent, StringComparison.Ordinal);
        var saved = (await portal.Services.GetRequiredService<ModelsService>().GetModelAsync("card-tab"))!.Versions[0];
        Assert.Equal("AUC 0.86", saved.ModelCard.Metrics);
    }

    [Fact]
    public void A_business_viewer_sees_what_is_missing_but_no_edit_button()
    {
        var page = OpenCardTab(Personas.Business);

        Assert.NotEmpty(page.FindAll("[data-testid='card-panel'] [data-testid='missing-sections']"));
        Assert.Empty(page.FindAll("[data-testid='edit-card']"));
    }

    private IRenderedComponent<IComponent> OpenCardTab(Persona persona)
    {
        var page = bunit.RenderAs<ModelPage>(persona, new Dictionary<string, object?> { [nameof(ModelPage.Key)] = "card-tab" });
        page.WaitForElement("[data-testid='model-tabs']");
        page.FindAll(".mud-tab").Single(t => t.TextContent.Trim() == "Model card").Click();
        page.WaitForElement("[data-testid='card-panel']");
        return page;
    }
}
