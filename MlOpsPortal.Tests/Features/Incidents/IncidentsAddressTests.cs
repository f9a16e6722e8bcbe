using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Incidents;

/// <summary>The queue's view and filters live in the address: a shared link opens the same queue, and changing it changes the link.</summary>
public sealed class IncidentsAddressTests : IncidentsComponentContext
{
    [Fact]
    public async Task A_link_with_view_and_priority_opens_that_queue_and_choosing_another_view_replaces_the_address()
    {
        var (page, navigation) = await OpenTwoAndShowAsync("/incidents?view=all&priority=P4");

        page.WaitForAssertion(() => Assert.Equal(["Fraud latency doubled"], Titles(page)));

        page.Find("[data-testid=view-unassigned]").Click();

        page.WaitForAssertion(() => Assert.Equal("unassigned", Query(navigation)["view"]));
        Assert.Equal("P4", Query(navigation)["priority"]);
        Assert.Equal("/incidents", new Uri(navigation.Uri).AbsolutePath);
        Assert.True(((Bunit.TestDoubles.BunitNavigationManager)navigation).History.First().Options.ReplaceHistoryEntry, "changing the view adds no history entry");
        page.WaitForAssertion(() => Assert.Equal(["Fraud latency doubled"], Titles(page)));

        navigation.NavigateTo("/incidents?view=all");

        page.WaitForAssertion(() => Assert.Equal(["Fraud latency doubled", "Churn scores all zero"], Titles(page)));
    }

    [Fact]
    public async Task Choosing_a_priority_and_a_state_puts_them_in_the_address_and_Mine_fixes_the_assignee()
    {
        var (page, navigation) = await OpenTwoAndShowAsync("/incidents?view=all");
        page.WaitForAssertion(() => Assert.Equal(2, Titles(page).Count));
        Assert.False(page.Find("[data-testid=filter-assignee] select").HasAttribute("disabled"), "All lets support choose an assignee");

        page.Find("[data-testid=filter-priority] select").Change("P4");

        page.WaitForAssertion(() => Assert.Equal(["Fraud latency doubled"], Titles(page)));
        Assert.Equal("P4", Query(navigation)["priority"]);
        Assert.Equal("P4", page.Find("[data-testid=filter-priority] option[selected]").TextContent);

        page.Find("[data-testid=filter-state] select").Change(QueueStates.Any);
        page.WaitForAssertion(() => Assert.Equal("any", Query(navigation)["state"]));
        page.Find("[data-testid=filter-state] select").Change(QueueStates.Open);
        page.WaitForAssertion(() => Assert.False(Query(navigation).ContainsKey("state"), "Open is the default and leaves the address"));
        page.Find("[data-testid=filter-priority] select").Change("");
        page.WaitForAssertion(() => Assert.Equal(2, Titles(page).Count));

        page.Find("[data-testid=view-mine]").Click();
        page.WaitForAssertion(() => Assert.True(page.Find("[data-testid=filter-assignee] select").HasAttribute("disabled"), "Mine is the assignee"));
    }

    /// <summary>A P1 ("Churn scores all zero") and a P4 ("Fraud latency doubled"), and the queue as support opens <paramref name="address"/>.</summary>
    private async Task<(IRenderedComponent<IComponent> Page, NavigationManager Navigation)> OpenTwoAndShowAsync(string address)
    {
        await OpenAsync("Churn scores all zero");
        await OpenAsync("Fraud latency doubled", Impact.Medium, Urgency.Low);
        var navigation = Bunit.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(address);
        return (Render<IncidentsPage>(Personas.Support), navigation);
    }

    private static Dictionary<string, string> Query(NavigationManager navigation) =>
        QueryHelpers.ParseQuery(new Uri(navigation.Uri).Query).ToDictionary(p => p.Key, p => p.Value.ToString());

    private static List<string> Titles(IRenderedComponent<IComponent> page) =>
        [.. page.FindAll("[data-testid=incident-title]").Select(e => e.TextContent.Trim())];
}
