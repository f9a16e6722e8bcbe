using Bunit;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Tests.Support;
using MudBlazor;

namespace MlOpsPortal.Tests.Features.Models;

public sealed class RegisterModelDialogTests : RegistryComponentContext
{
    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync(ModelSummary? existing)
    {
        var provider = Bunit.Render<MudDialogProvider>(p => p.AddCascadingValue(Personas.Contributor.AuthenticationState));
        var dialogs = Bunit.Services.GetService<IDialogService>();
        var parameters = new DialogParameters<RegisterModelDialog> { { d => d.Existing, existing } };
        await provider.InvokeAsync(() => dialogs!.ShowAsync<RegisterModelDialog>("Model", parameters));
        provider.WaitForElement("[data-testid='save-model']");
        return provider;
    }

    [Fact]
    public async Task The_key_help_quotes_the_current_naming_rule_and_required_fields_stop_an_empty_form()
    {
        var cut = await OpenAsync(existing: null);

        Assert.Contains(RegistrySettings.DefaultKeyPattern, cut.Markup, StringComparison.Ordinal);
        await cut.Find("[data-testid='save-model']").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("Key is required.", cut.Markup, StringComparison.Ordinal));
        Assert.Contains("Risk tier is required.", cut.Markup, StringComparison.Ordinal);
        Assert.Equal(0, (await Models.ListModelsAsync(new ModelQuery())).TotalCount);
    }

    [Fact]
    public async Task A_server_field_error_is_shown_on_its_field_and_nothing_is_saved()
    {
        var model = await Models.CreateModelAsync(Personas.Contributor,
            new ModelInput("churn", "Churn", null, "Dana Scientist", "Retail", null, RiskTier.Low, []));
        var cut = await OpenAsync(model);

        cut.Find("[data-testid='field-displayName']").Change(new string('x', 201));
        await cut.Find("[data-testid='save-model']").ClickAsync(new());

        cut.WaitForAssertion(() =>
        {
            var field = cut.Find("[data-testid='field-displayName']").Closest(".mud-input-control")!;
            Assert.Contains("Display name must be at most 200 characters", field.TextContent, StringComparison.Ordinal);
        });
        Assert.Equal("Churn", (await Models.GetModelAsync("churn"))!.Model.DisplayName);
    }

    [Fact]
    public async Task Editing_saves_through_the_service_and_closes()
    {
        var model = await Models.CreateModelAsync(Personas.Contributor,
            new ModelInput("churn", "Churn", null, "Dana Scientist", "Retail", null, RiskTier.Low, ["batch"]));
        var cut = await OpenAsync(model);

        cut.Find("[data-testid='field-displayName']").Change("Customer churn");
        cut.Find("[data-testid='field-tags']").Change("batch, retention");
        await cut.Find("[data-testid='save-model']").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid='save-model']")));
        var saved = (await Models.GetModelAsync("churn"))!.Model;
        Assert.Equal("Customer churn", saved.DisplayName);
        Assert.Equal(["batch", "retention"], saved.Tags);
    }
}
