using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Access;

/// <summary>The audit log page as an auditor reads it: sentences with links, filters kept in the address, the CSV link of the same view.</summary>
public sealed class AuditLogPageTests : AccessTestContext, IAsyncDisposable
{
    private readonly BunitContext bunit = new();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        bunit.UsePortalServices(Services, Clock, typeof(AuditLog), typeof(AuditNarrator), typeof(VerifyAuditChainJob));
    }

    public new async ValueTask DisposeAsync()
    {
        await bunit.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task A_shared_link_shows_its_filtered_sentences_and_a_new_search_replaces_the_address()
    {
        var audit = Services.GetRequiredService<AuditLog>();
        await audit.RecordAsync(new AuditActor("dev-approver", "Arun Approver"), "incident.acknowledged", "Incident", "INC-0007", null, CancellationToken.None);
        await audit.RecordAsync(new AuditActor("dev-contributor", "Dana Scientist"), "model.created", "Model", "churn-model", null, CancellationToken.None);
        await audit.RecordAsync(new AuditActor("dev-contributor", "Dana Scientist"), "incident.commented", "Incident", "INC-0008", null, CancellationToken.None);
        var navigation = bunit.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/audit?action=incidents");

        var page = bunit.RenderAs<AuditLogPage>(Personas.Auditor);

        page.WaitForAssertion(() => Assert.Equal(
            ["Dana Scientist commented on incident INC-0008", "Arun Approver acknowledged incident INC-0007"],
            page.FindAll("[data-testid=audit-sentence]").Select(s => s.TextContent)));
        Assert.Equal(["/incidents/INC-0008", "/incidents/INC-0007"], page.FindAll("[data-testid=audit-sentence] a").Select(a => a.GetAttribute("href")));
        Assert.Equal("/api/v1/audit/events.csv?action=incidents", page.Find("[data-testid=audit-export]").GetAttribute("href"));

        page.Input("audit-search").Input("dana");
        page.Input("audit-search").Blur();

        page.WaitForAssertion(() => Assert.Equal("dana", QueryHelpers.ParseQuery(new Uri(navigation.Uri).Query)["q"].ToString()));
        Assert.True(((Bunit.TestDoubles.BunitNavigationManager)navigation).History.First().Options.ReplaceHistoryEntry);
        page.WaitForAssertion(() => Assert.Equal(["Dana Scientist commented on incident INC-0008"], page.FindAll("[data-testid=audit-sentence]").Select(s => s.TextContent)));
        Assert.Equal("/api/v1/audit/events.csv?q=dana&action=incidents", page.Find("[data-testid=audit-export]").GetAttribute("href"));

        page.FindAll("table tbody tr")[0].Click();

        page.WaitForAssertion(() => Assert.Contains("This event has no details.", page.Find("[data-testid=audit-event-details]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_action_choice_lists_each_family_with_its_actions_and_a_choice_narrows_the_log_in_the_address()
    {
        var audit = Services.GetRequiredService<AuditLog>();
        await audit.RecordAsync(new AuditActor("dev-approver", "Arun Approver"), "incident.acknowledged", "Incident", "INC-0007", null, CancellationToken.None);
        await audit.RecordAsync(new AuditActor("dev-contributor", "Dana Scientist"), "model.created", "Model", "churn-model", null, CancellationToken.None);
        var navigation = bunit.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/audit");

        var page = bunit.RenderAs<AuditLogPage>(Personas.Auditor);

        var incidents = page.WaitForElement("[data-testid=audit-action] select optgroup[label='Incidents (incident.*)']");
        var options = incidents.QuerySelectorAll("option").Select(o => (o.GetAttribute("value"), o.TextContent)).ToList();
        Assert.Equal(("incidents", "All of Incidents (incident.*)"), options[0]);
        Assert.Contains(("incident.acknowledged", "incident.acknowledged"), options);
        Assert.DoesNotContain(options, o => o.Item1 == "model.created");
        Assert.Equal("All actions", page.Find("[data-testid=audit-action] select > option").TextContent);

        page.Find("[data-testid=audit-action] select").Change("model.created");

        page.WaitForAssertion(() => Assert.Equal("model.created", QueryHelpers.ParseQuery(new Uri(navigation.Uri).Query)["action"].ToString()));
        page.WaitForAssertion(() => Assert.Equal(["model churn-model"], page.FindAll("[data-testid=audit-sentence] a").Select(a => a.TextContent)));
        Assert.Equal("model.created", page.Find("[data-testid=audit-action] select option[selected]").GetAttribute("value"));

        page.Find("[data-testid=audit-action] select").Change(string.Empty);

        page.WaitForAssertion(() => Assert.False(QueryHelpers.ParseQuery(new Uri(navigation.Uri).Query).ContainsKey("action")));
    }

    [Fact]
    public void A_link_to_an_action_no_family_lists_still_shows_it_as_the_choice()
    {
        var navigation = bunit.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/audit?action=model.renamed");

        var page = bunit.RenderAs<AuditLogPage>(Personas.Auditor);

        var chosen = page.WaitForElement("[data-testid=audit-action] select option[selected]");
        Assert.Equal(("model.renamed", "model.renamed"), (chosen.GetAttribute("value"), chosen.TextContent));
        Assert.Equal(2, page.FindAll("[data-testid=audit-action] select > option").Count);
    }
}
