using Bunit;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Incidents;

/// <summary>The incident page: what each role may do, working an incident, and losing a race to a colleague.</summary>
public sealed class IncidentDetailsPageTests : IncidentsComponentContext
{
    private static readonly Persona Colleague = Personas.Custom("test-support-2", "Lee Second", PortalRoles.SupportEngineer);

    [Fact]
    public async Task Support_is_offered_the_actions_the_state_allows()
    {
        var incident = await OpenAsync("Churn scores all zero");

        var page = RenderIncident(Personas.Support, incident.Number);

        page.WaitForElement("[data-testid=incident-actions]");
        Assert.NotEmpty(page.FindAll("[data-testid=action-acknowledge]"));
        Assert.NotEmpty(page.FindAll("[data-testid=action-cancel]"));
        Assert.NotEmpty(page.FindAll("[data-testid=action-escalate]"));
        Assert.Empty(page.FindAll("[data-testid=action-resolve]"));
        Assert.Single(page.FindAll("[data-testid=comment-input]"));
    }

    [Fact]
    public async Task A_business_viewer_reads_the_incident_but_has_no_actions_and_no_comment_box()
    {
        var incident = await OpenAsync("Churn scores all zero");

        var page = RenderIncident(Personas.Business, incident.Number);

        page.WaitForAssertion(() => Assert.Contains("Churn scores all zero", page.Find("[data-testid=incident-header]").TextContent, StringComparison.Ordinal));
        Assert.Equal(2, page.FindAll("[data-testid=sla-clock]").Count);
        Assert.Contains("Opened as P1", page.Find("[data-testid=incident-timeline]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=incident-actions]"));
        Assert.Empty(page.FindAll("[data-testid=comment-input]"));
        Assert.Empty(page.FindAll("[data-testid=edit-impact-start]"));
    }

    [Fact]
    public async Task Acknowledging_moves_it_to_in_progress_meets_the_response_clock_and_writes_the_timeline()
    {
        var incident = await OpenAsync("Churn scores all zero");
        var page = RenderIncident(Personas.Support, incident.Number);

        page.WaitForElement("[data-testid=action-acknowledge]").Click();

        page.WaitForAssertion(() => Assert.Equal("InProgress", page.Find("[data-testid=incident-state]").GetAttribute("data-state")));
        Assert.Equal("Assigned to Sam Support", page.Find("[data-testid=incident-header] [data-testid=incident-assignee]").TextContent.Trim());
        Assert.Equal("Achieved", page.Find("[data-testid=sla-clock][data-target=Response]").GetAttribute("data-stage"));
        var timeline = page.Find("[data-testid=incident-timeline]").TextContent;
        Assert.Contains("Acknowledged; work has started.", timeline, StringComparison.Ordinal);
        Assert.Contains("Assigned to Sam Support.", timeline, StringComparison.Ordinal);
        Assert.NotEmpty(page.FindAll("[data-testid=action-hold]"));
        Assert.NotEmpty(page.FindAll("[data-testid=action-resolve]"));
    }

    [Fact]
    public async Task Putting_it_on_hold_asks_why_and_stops_the_resolution_clock()
    {
        var incident = await OpenAsync("Churn scores all zero");
        await Work.AcknowledgeAsync(Personas.Support, incident.Number);
        var page = RenderIncident(Personas.Support, incident.Number);

        page.WaitForElement("[data-testid=action-hold]").Click();
        page.WaitForElement("[data-testid=confirm-hold]").Click();
        page.WaitForAssertion(() => Assert.Contains("Say why it waits", page.Markup, StringComparison.Ordinal));

        var reason = page.FindComponents<MudBlazor.MudSelect<HoldReason?>>().Single();
        await reason.InvokeAsync(() => reason.Instance.ValueChanged.InvokeAsync(HoldReason.AwaitingData));
        page.Find("[data-testid=confirm-hold]").Click();

        page.WaitForAssertion(() => Assert.Equal("OnHold", page.Find("[data-testid=incident-state]").GetAttribute("data-state")));
        Assert.Equal("Paused", page.Find("[data-testid=sla-clock][data-target=Resolution]").GetAttribute("data-stage"));
        Assert.Contains("On hold: awaiting data; the resolution clock stops.", page.Find("[data-testid=incident-timeline]").TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.FindAll("[data-testid=action-resume]"));
    }

    [Fact]
    public async Task Losing_the_race_to_acknowledge_names_the_winner_and_shows_the_incident_as_it_now_is()
    {
        var incident = await OpenAsync("Churn scores all zero");
        var page = RenderIncident(Personas.Support, incident.Number);
        var acknowledge = page.WaitForElement("[data-testid=action-acknowledge]");

        // The colleague acknowledges after this page was drawn and before Sam clicks.
        await Work.AcknowledgeAsync(Colleague, incident.Number);
        acknowledge.Click();

        page.WaitForAssertion(() => Assert.Contains("already acknowledged by Lee Second", page.Find("[data-testid=action-error]").TextContent, StringComparison.Ordinal));
        Assert.Equal("InProgress", page.Find("[data-testid=incident-state]").GetAttribute("data-state"));
        Assert.Equal("Assigned to Lee Second", page.Find("[data-testid=incident-header] [data-testid=incident-assignee]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=action-acknowledge]"));
    }

    [Fact]
    public async Task The_review_editor_shows_each_missing_field_on_its_row_and_a_saved_review_lets_a_P1_close()
    {
        var incident = await OpenAsync("Churn scores all zero");
        await Work.AcknowledgeAsync(Personas.Support, incident.Number);
        await Work.ResolveAsync(Personas.Support, incident.Number, ResolutionCode.RolledBack, "Rolled back to v3.");
        var page = RenderIncident(Personas.Support, incident.Number);
        page.WaitForAssertion(() => Assert.True(page.Find("[data-testid=action-close]").HasAttribute("disabled")));
        Assert.Contains("post-incident review", page.Find("[data-testid=close-needs-review]").TextContent, StringComparison.Ordinal);

        page.Find("[data-testid=edit-review]").Click();
        page.WaitForElement("[data-testid=add-review-item]").Click();
        page.Find("[data-testid=save-review]").Click();

        page.WaitForAssertion(() => Assert.Contains("A summary is required.", page.Find("[data-testid=incident-review]").TextContent, StringComparison.Ordinal));
        var review = page.Find("[data-testid=incident-review]").TextContent;
        Assert.Contains("The root cause is required.", review, StringComparison.Ordinal);
        Assert.Contains("Action item 1 is required.", review, StringComparison.Ordinal);
        Assert.Contains("The owner of action item 1 is required.", review, StringComparison.Ordinal);
        Assert.Contains("Action item 1 needs a due date.", review, StringComparison.Ordinal);

        Input(page, "review-summary").Change("Scores were zero for 40 minutes.");
        Input(page, "review-root-cause").Change("v4 shipped with an empty feature map.");
        page.Find("[data-testid=review-item] button[aria-label='Remove action item 1']").Click();
        page.Find("[data-testid=save-review]").Click();

        page.WaitForAssertion(() => Assert.Contains("v4 shipped with an empty feature map.", page.Find("[data-testid=review-view]").TextContent, StringComparison.Ordinal));
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=action-close]").HasAttribute("disabled")));
    }

    [Fact]
    public void An_unknown_number_says_there_is_no_such_incident()
    {
        var page = RenderIncident(Personas.Support, "INC-999999");

        page.WaitForAssertion(() => Assert.Contains("There is no incident INC-999999", page.Find("[data-testid=incident-not-found]").TextContent, StringComparison.Ordinal));
    }

    private IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> RenderIncident(Persona persona, string number) =>
        Render<IncidentDetailsPage>(persona, new Dictionary<string, object?> { [nameof(IncidentDetailsPage.Number)] = number });
}
