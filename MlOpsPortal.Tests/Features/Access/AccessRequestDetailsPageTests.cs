using Bunit;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Access;

/// <summary>Deciding a request on its page: who may, what a refusal says, and losing a race to a colleague.</summary>
public sealed class AccessRequestDetailsPageTests : AccessComponentContext
{
    private static readonly Persona Colleague = Personas.Custom("test-support-2", "Lee Second", PortalRoles.SupportEngineer);

    private Task<AccessRequestView> AskAsync(Persona who, string role = PortalRoles.BusinessViewer, int? days = 90) =>
        Requests.SubmitAsync(who, new AccessRequestInput(role, "I read the churn dashboards for the retail board.", days));

    private IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> RenderRequest(Persona persona, int id) =>
        Render<AccessRequestDetailsPage>(persona, new Dictionary<string, object?> { ["Id"] = id });

    [Fact]
    public async Task A_support_engineer_approves_and_sees_the_outcome()
    {
        var request = await AskAsync(Personas.NoRole);
        var page = RenderRequest(Personas.Support, request.Id);

        page.WaitForElement("[data-testid=approve]");
        Assert.False(page.Find("[data-testid=approve]").HasAttribute("disabled"));
        Assert.False(page.Find("[data-testid=reject]").HasAttribute("disabled"));
        Assert.Empty(page.FindAll("[data-testid=decision-refusal]"));
        page.Find("[data-testid=approve]").Click();

        page.WaitForAssertion(() => Assert.Equal("Approved", page.Find("[data-testid=request-state]").GetAttribute("data-state")));
        Assert.Contains("Approved by Sam Support", page.Find("[data-testid=request-outcome]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=decision-panel]"));
    }

    [Fact]
    public async Task Rejecting_needs_a_comment_under_the_field()
    {
        var request = await AskAsync(Personas.NoRole);
        var page = RenderRequest(Personas.Support, request.Id);

        page.WaitForElement("[data-testid=reject]").Click();
        page.WaitForAssertion(() => Assert.Contains("Say why the request is rejected", page.Markup, StringComparison.Ordinal));
        Assert.Equal("Pending", page.Find("[data-testid=request-state]").GetAttribute("data-state"));

        Input(page, "decision-comment").Input("Business.Viewer is given through the business unit's group.");
        page.Find("[data-testid=reject]").Click();

        page.WaitForAssertion(() => Assert.Equal("Rejected", page.Find("[data-testid=request-state]").GetAttribute("data-state")));
        Assert.Contains("business unit's group", page.Find("[data-testid=request-comment]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_requester_sees_the_buttons_disabled_with_the_reason()
    {
        var request = await AskAsync(Colleague, PortalRoles.ModelsContributor);
        var page = RenderRequest(Colleague, request.Id);

        page.WaitForElement("[data-testid=decision-refusal]");
        Assert.StartsWith("Nobody decides their own request", page.Find("[data-testid=decision-refusal]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.True(page.Find("[data-testid=approve]").HasAttribute("disabled"));
        Assert.True(page.Find("[data-testid=reject]").HasAttribute("disabled"));
        Assert.NotEmpty(page.FindAll("[data-testid=withdraw]"));
    }

    [Fact]
    public async Task A_support_engineer_is_told_that_privileged_roles_are_for_administrators()
    {
        var request = await AskAsync(Personas.Contributor, PortalRoles.DeploymentsApprover, 30);
        var page = RenderRequest(Personas.Support, request.Id);

        page.WaitForAssertion(() => Assert.Contains("only an administrator decides it", page.Find("[data-testid=decision-refusal]").TextContent, StringComparison.Ordinal));
        Assert.True(page.Find("[data-testid=approve]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_decision_that_lost_the_race_says_who_won_and_shows_the_request_as_it_is()
    {
        var request = await AskAsync(Personas.NoRole);
        var page = RenderRequest(Personas.Support, request.Id);
        page.WaitForElement("[data-testid=approve]");
        await Requests.ApproveAsync(Colleague, request.Id, null);

        page.Find("[data-testid=approve]").Click();

        page.WaitForAssertion(() => Assert.Contains("already approved by Lee Second", page.Find("[data-testid=decision-alert]").TextContent, StringComparison.Ordinal));
        Assert.Equal("Approved", page.Find("[data-testid=request-state]").GetAttribute("data-state"));
    }

    [Fact]
    public async Task Someone_else_without_the_role_to_see_people_cannot_read_it()
    {
        var request = await AskAsync(Personas.NoRole);

        var page = RenderRequest(Personas.Contributor, request.Id);

        page.WaitForAssertion(() => Assert.Contains("You see your own access requests", page.Find("[data-testid=request-unavailable]").TextContent, StringComparison.Ordinal));
    }
}
