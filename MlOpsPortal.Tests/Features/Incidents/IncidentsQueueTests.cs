using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Incidents;

/// <summary>The queue as support engineers and business viewers use it, over the real services.</summary>
public sealed class IncidentsQueueTests : IncidentsComponentContext
{
    [Fact]
    public async Task Support_starts_on_their_own_incidents_and_finds_the_others_under_Unassigned()
    {
        var mine = await OpenAsync("Churn scores all zero", Impact.High, Urgency.High);
        await Work.AcknowledgeAsync(Personas.Support, mine.Number);
        await OpenAsync("Fraud latency doubled", Impact.Medium, Urgency.Low);

        var page = Render<IncidentsPage>(Personas.Support);

        page.WaitForAssertion(() => Assert.Equal(["Churn scores all zero"], Titles(page)));
        Assert.Equal("P1", page.Find("[data-testid=priority]").TextContent.Trim());
        Assert.Equal("In progress", page.Find("[data-testid=incident-state]").TextContent.Trim());
        Assert.Equal("Sam Support", page.Find("[data-testid=incident-assignee]").TextContent.Trim());

        page.Find("[data-testid=view-unassigned]").Click();

        page.WaitForAssertion(() => Assert.Equal(["Fraud latency doubled"], Titles(page)));
        Assert.Equal("P4", page.Find("[data-testid=priority]").TextContent.Trim());
        Assert.Equal("New", page.Find("[data-testid=incident-state]").TextContent.Trim());
    }

    [Fact]
    public async Task A_business_viewer_sees_every_incident_and_no_button_to_open_one()
    {
        await OpenAsync("Churn scores all zero");
        await OpenAsync("Fraud latency doubled", Impact.Low, Urgency.Low);

        var page = Render<IncidentsPage>(Personas.Business);

        page.WaitForAssertion(() => Assert.Equal(["Fraud latency doubled", "Churn scores all zero"], Titles(page)));
        Assert.Empty(page.FindAll("[data-testid=open-incident]"));
    }

    [Fact]
    public async Task Clicking_a_column_header_sorts_the_queue_by_that_column_and_again_reverses_it()
    {
        await OpenAsync("Model drift on churn");
        await OpenAsync("Alerts missing for fraud");
        await OpenAsync("Latency doubled");

        var page = Render<IncidentsPage>(Personas.Business);
        page.WaitForAssertion(() => Assert.Equal(3, Titles(page).Length));

        var titleHeader = page.FindAll("th").Single(th => th.TextContent.Trim() == "Title");
        await titleHeader.QuerySelector(".sortable-column-header")!.ClickAsync(new());
        page.WaitForAssertion(() => Assert.Equal(["Alerts missing for fraud", "Latency doubled", "Model drift on churn"], Titles(page)));

        titleHeader = page.FindAll("th").Single(th => th.TextContent.Trim() == "Title");
        await titleHeader.QuerySelector(".sortable-column-header")!.ClickAsync(new());
        page.WaitForAssertion(() => Assert.Equal(["Model drift on churn", "Latency doubled", "Alerts missing for fraud"], Titles(page)));
    }

    [Fact]
    public void With_nothing_assigned_the_queue_says_so_and_where_to_look()
    {
        var page = Render<IncidentsPage>(Personas.Support);

        page.WaitForAssertion(() => Assert.Contains("Nothing is assigned to you.", page.Find("[data-testid=incidents-empty]").TextContent, StringComparison.Ordinal));
        Assert.Single(page.FindAll("[data-testid=open-incident]"));
    }

    [Fact]
    public async Task With_a_filter_chosen_an_empty_view_says_the_filters_match_nothing()
    {
        var mine = await OpenAsync("Churn scores all zero", Impact.High, Urgency.High);
        await Work.AcknowledgeAsync(Personas.Support, mine.Number);
        var navigation = Bunit.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/incidents?view=mine&priority=P4");

        var page = Render<IncidentsPage>(Personas.Support);

        page.WaitForAssertion(() => Assert.Contains("No incidents match these filters.", page.Find("[data-testid=incidents-empty]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("Nothing is assigned to you.", page.Find("[data-testid=incidents-empty]").TextContent, StringComparison.Ordinal);

        page.Find("[data-testid=filter-priority] select").Change("");

        page.WaitForAssertion(() => Assert.Equal(["Churn scores all zero"], Titles(page)));
    }

    [Fact]
    public async Task Each_row_counts_down_to_the_next_breach()
    {
        await OpenAsync("Churn scores all zero");

        var page = Render<IncidentsPage>(Personas.Business);

        page.WaitForAssertion(() => Assert.Contains("response in 15m 00s", page.Find("[data-testid=sla-countdown]").TextContent, StringComparison.Ordinal));
        Clock.Advance(TimeSpan.FromSeconds(5));
        page.WaitForAssertion(() => Assert.Contains("response in 14m 55s", page.Find("[data-testid=sla-countdown]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_countdown_turns_amber_at_three_quarters_of_the_target_and_red_at_breach()
    {
        // A P1 must be acknowledged within 15 minutes (24×7): amber from 11:15, red after 15:00.
        var incident = await OpenAsync("Churn scores all zero");
        var countdown = Bunit.Render<SlaCountdown>(p => p
            .Add(c => c.Sla, IncidentDisplay.Current(incident))
            .Add(c => c.ReadAtUtc, Clock.GetUtcNow().UtcDateTime));
        Assert.Equal("Calm", UrgencyOf(countdown));

        Clock.Advance(TimeSpan.FromMinutes(11) + TimeSpan.FromSeconds(14));
        countdown.WaitForAssertion(() => Assert.Contains("response in 3m 46s", countdown.Markup, StringComparison.Ordinal));
        Assert.Equal("Calm", UrgencyOf(countdown));

        Clock.Advance(TimeSpan.FromSeconds(1));
        countdown.WaitForAssertion(() => Assert.Equal("Warning", UrgencyOf(countdown)));
        Assert.Contains("sla-warning", countdown.Find("[data-testid=sla-countdown]").ClassName, StringComparison.Ordinal);

        Clock.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(45));
        countdown.WaitForAssertion(() => Assert.Contains("response in 0m 00s", countdown.Markup, StringComparison.Ordinal));
        Assert.Equal("Warning", UrgencyOf(countdown));

        Clock.Advance(TimeSpan.FromSeconds(1));
        countdown.WaitForAssertion(() => Assert.Equal("Breached", UrgencyOf(countdown)));
        Assert.Contains("sla-breached", countdown.Find("[data-testid=sla-countdown]").ClassName, StringComparison.Ordinal);
    }

    private static string UrgencyOf<T>(IRenderedComponent<T> rendered)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        rendered.Find("[data-testid=sla-countdown]").GetAttribute("data-urgency")!;

    private static string[] Titles(IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> page) =>
        [.. page.FindAll("[data-testid=incident-title]").Select(e => e.TextContent.Trim())];
}
