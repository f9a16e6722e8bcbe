using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Tests.Support;
using MudBlazor;

namespace MlOpsPortal.Tests.Features.Incidents;

/// <summary>Opening an incident by hand, from the queue and from a model's Incidents tab.</summary>
public sealed class OpenIncidentTests : IncidentsComponentContext
{
    [Fact]
    public async Task The_dialog_shows_the_services_messages_on_the_fields_then_the_priority_and_opens_the_incident()
    {
        var page = Render<IncidentsPage>(Personas.Support);
        page.WaitForElement("[data-testid=open-incident]").Click();

        page.WaitForElement("[data-testid=submit-incident]").Click();

        page.WaitForAssertion(() => Assert.Contains("A title is required.", page.Markup, StringComparison.Ordinal));
        Assert.Contains("Choose the impact: High, Medium or Low.", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Choose the urgency: High, Medium or Low.", page.Markup, StringComparison.Ordinal);

        Input(page, "incident-title-input").Input("Churn scores all zero");
        await Choose<Impact?>(page, Impact.High);
        await Choose<Urgency?>(page, Urgency.Medium);
        page.WaitForAssertion(() => Assert.Equal("P2", page.Find("[data-testid=resulting-priority] [data-testid=priority]").TextContent.Trim()));
        Assert.Contains("Respond within 30 min, resolve within 8 h (24×7).", page.Find("[data-testid=resulting-priority]").TextContent, StringComparison.Ordinal);
        page.Find("[data-testid=submit-incident]").Click();

        var navigation = Bunit.Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.EndsWith("/incidents/INC-000001", navigation.Uri, StringComparison.Ordinal));
        var opened = await Incidents.GetAsync("INC-000001");
        Assert.Equal(IncidentPriority.P2, opened!.Priority);
        Assert.Equal(Clock.GetUtcNow().UtcDateTime, opened.ImpactStartUtc);
    }

    [Fact]
    public async Task A_models_tab_lists_its_incidents_open_first_and_links_to_the_queue_filtered_by_it()
    {
        var models = Services.GetRequiredService<ModelsService>();
        await models.CreateModelAsync(Personas.Contributor,
            new ModelInput("churn-model", "Customer churn", "Who leaves.", "Dana", "Retail", "Retention", RiskTier.Medium, []));
        var done = await Incidents.CreateAsync(Personas.Contributor, new IncidentInput("Old drift", null, "churn-model", null, null, Impact.Low, Urgency.Low));
        await Work.AcknowledgeAsync(Personas.Support, done.Number);
        await Work.ResolveAsync(Personas.Support, done.Number, ResolutionCode.Retrained, "Retrained on fresh data.");
        await Incidents.CreateAsync(Personas.Contributor, new IncidentInput("Scores all zero", null, "churn-model", null, null, Impact.High, Urgency.High));
        await OpenAsync("Not about this model");

        var panel = Render<ModelIncidentsPanel>(Personas.Contributor, new Dictionary<string, object?> { [nameof(ModelIncidentsPanel.ModelKey)] = "churn-model" });

        panel.WaitForAssertion(() => Assert.Equal(["Scores all zero", "Old drift"],
            panel.FindAll("[data-testid=model-incidents] tbody tr td:nth-child(3)").Select(td => td.TextContent.Trim())));
        Assert.Equal("1 open incident.", panel.Find("[data-testid=model-incident-summary]").FirstChild!.TextContent.Trim());
        Assert.Equal(IncidentLinks.ForModel("churn-model"), panel.Find("[data-testid=model-incidents-queue]").GetAttribute("href"));
        Assert.Single(panel.FindAll("[data-testid=model-open-incident]"));
    }

    private static Task Choose<T>(IRenderedComponent<IComponent> page, T value)
    {
        var select = page.FindComponents<MudSelect<T>>().Single();
        return select.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(value));
    }
}
