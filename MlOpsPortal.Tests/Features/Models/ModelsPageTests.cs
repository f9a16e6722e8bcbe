using Bunit;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Models;

public sealed class ModelsPageTests : RegistryComponentContext
{
    private async Task SeedAsync()
    {
        var dana = Personas.Contributor.Principal;
        await Models.CreateModelAsync(dana, new ModelInput("fraud-scoring", "Fraud scoring", null, "Dana Scientist", "Payments", null, RiskTier.Critical, ["realtime"]));
        await Models.CreateModelAsync(dana, new ModelInput("churn", "Churn", null, "Dana Scientist", "Retail", null, RiskTier.Low, []));
        await Models.CreateModelAsync(dana, new ModelInput("demand-forecast", "Demand forecast", null, "Ola Owner", "Retail", null, RiskTier.Medium, []));
    }

    private IRenderedComponent<ModelsPage> RenderAs(Persona persona) =>
        Bunit.Render<ModelsPage>(p => p.AddCascadingValue(persona.AuthenticationState));

    private static string[] Keys(IRenderedComponent<ModelsPage> cut) =>
        [.. cut.FindAll("[data-testid='model-link']").Select(a => a.TextContent)];

    [Fact]
    public async Task The_search_is_sent_to_the_service_and_only_matching_models_are_listed()
    {
        await SeedAsync();
        var cut = RenderAs(Personas.Business);
        cut.WaitForAssertion(() => Assert.Equal(3, Keys(cut).Length));

        cut.Find("[data-testid='model-search']").Input("fraud");

        cut.WaitForAssertion(() => Assert.Equal(["fraud-scoring"], Keys(cut)), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Sorting_by_a_column_asks_the_service_for_that_order()
    {
        await SeedAsync();
        var cut = RenderAs(Personas.Business);
        cut.WaitForAssertion(() => Assert.Equal(3, Keys(cut).Length));

        var keyHeader = cut.FindAll("th").First(th => th.TextContent.Contains("Model", StringComparison.Ordinal));
        await keyHeader.QuerySelector(".sortable-column-header")!.ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal(["churn", "demand-forecast", "fraud-scoring"], Keys(cut)));
    }

    [Fact]
    public async Task Sorting_by_business_unit_shows_each_models_unit_and_owner_in_that_order()
    {
        await SeedAsync();
        var cut = RenderAs(Personas.Business);
        cut.WaitForAssertion(() => Assert.Equal(3, Keys(cut).Length));

        var unitHeader = cut.FindAll("th").Single(th => th.TextContent.Trim() == "Business unit");
        await unitHeader.QuerySelector(".sortable-column-header")!.ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal(["Payments", "Retail", "Retail"], Cells(cut, "Business unit")));
        Assert.Equal("fraud-scoring", Keys(cut)[0]);
        Assert.Equal("Dana Scientist", Cells(cut, "Owner")[0]);
    }

    [Fact]
    public async Task The_tier_and_unit_choices_narrow_the_list_and_all_brings_every_model_back()
    {
        await SeedAsync();
        var cut = RenderAs(Personas.Business);
        cut.WaitForAssertion(() => Assert.Equal(3, Keys(cut).Length));
        var units = cut.FindAll("[data-testid='filter-unit'] option").Select(o => o.TextContent).ToArray();
        Assert.Equal(["All units", "Payments", "Retail"], units);

        cut.Find("[data-testid='filter-unit'] select").Change("Retail");
        cut.WaitForAssertion(() => Assert.Equal(["churn", "demand-forecast"], Keys(cut).Order()));
        cut.Find("[data-testid='filter-risk'] select").Change(nameof(RiskTier.Medium));
        cut.WaitForAssertion(() => Assert.Equal(["demand-forecast"], Keys(cut)));
        Assert.Equal("Medium", cut.Find("[data-testid='filter-risk'] option[selected]").TextContent);

        cut.Find("[data-testid='filter-unit'] select").Change("");
        cut.Find("[data-testid='filter-risk'] select").Change("");
        cut.WaitForAssertion(() => Assert.Equal(3, Keys(cut).Length));
    }

    private static string[] Cells(IRenderedComponent<ModelsPage> cut, string column) =>
        [.. cut.FindAll($"td[data-label='{column}']").Select(td => td.TextContent.Trim())];

    [Fact]
    public async Task Only_writers_see_the_register_button_and_an_empty_registry_says_so()
    {
        var viewer = RenderAs(Personas.Business);
        viewer.WaitForAssertion(() => Assert.Contains("No models are registered yet.", viewer.Find("[data-testid='models-empty']").TextContent, StringComparison.Ordinal));
        Assert.Empty(viewer.FindAll("[data-testid='register-model']"));

        var contributor = RenderAs(Personas.Contributor);
        contributor.WaitForElement("[data-testid='register-model']");
        await Task.CompletedTask;
    }

    [Fact]
    public async Task The_pager_counts_the_registry_once_its_models_are_listed_and_an_empty_registry_has_none()
    {
        var empty = RenderAs(Personas.Business);
        empty.WaitForElement("[data-testid='models-empty']");
        Assert.Empty(empty.FindAll(".mud-table-pagination-toolbar"));
        Assert.DoesNotContain("0-0 of 0", empty.Markup, StringComparison.Ordinal);

        for (var i = 1; i <= 30; i++)
        {
            await Models.CreateModelAsync(Personas.Contributor.Principal,
                new ModelInput($"model-{i:D2}", $"Model {i}", null, "Dana Scientist", "Retail", null, RiskTier.Low, []));
        }

        var cut = RenderAs(Personas.Business);

        cut.WaitForAssertion(() => Assert.Equal("1-25 of 30", cut.Find(".mud-table-pagination-toolbar [translate=no]").TextContent.Trim()));
        Assert.Equal(25, Keys(cut).Length);
    }

    [Fact]
    public async Task A_key_that_breaks_the_naming_rule_is_flagged()
    {
        await Models.CreateModelAsync(Personas.Contributor,
            new ModelInput("churn", "Churn", null, "Dana Scientist", "Retail", null, RiskTier.Low, []));
        await Rules.UpdateSettingsAsync(Personas.Admin, new RegistrySettingsInput("^mdl-[a-z0-9-]+$", RegistrySettings.DefaultKeyPattern, []));

        var cut = RenderAs(Personas.Business);

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid='naming-flag']")));
    }

    [Fact]
    public async Task The_owner_lookup_offers_each_matching_owner_once()
    {
        await SeedAsync();

        Assert.Equal(["Dana Scientist"], await Models.SearchOwnersAsync("scien"));
        Assert.Equal(["Dana Scientist", "Ola Owner"], await Models.SearchOwnersAsync(null));
        Assert.Empty(await Models.SearchOwnersAsync("%"));
    }
}
