using Bunit;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Access;

/// <summary>A person's own access page: empty states, roles with their source, and withdrawing a request.</summary>
public sealed class MyAccessPageTests : AccessComponentContext
{
    [Fact]
    public void Someone_without_a_role_or_requests_is_told_how_to_ask()
    {
        var page = Render<MyAccessPage>(Personas.NoRole);

        page.WaitForElement("[data-testid=no-requests]");
        Assert.NotEmpty(page.FindAll("[data-testid=no-roles]"));
        Assert.NotEmpty(page.FindAll("[data-testid=no-grants]"));
        Assert.Equal(AccessLinks.NewRequest(null), page.Find("[data-testid=request-role]").GetAttribute("href"));
    }

    [Fact]
    public async Task A_granted_role_shows_its_source_and_a_pending_request_is_withdrawn_after_confirming()
    {
        var granted = await Requests.SubmitAsync(Personas.NoRole, new AccessRequestInput(PortalRoles.BusinessViewer, "I read the churn dashboards for the board.", 90));
        await Requests.ApproveAsync(Personas.Support, granted.Id, "Welcome.");
        await Requests.SubmitAsync(Personas.NoRole, new AccessRequestInput(PortalRoles.ModelsContributor, "I join the churn team and register models.", 30));
        var page = Render<MyAccessPage>(Personas.NoRole);

        page.WaitForAssertion(() => Assert.Contains(PeopleDirectory.PortalGrantSource,
            page.Find($"[data-testid=my-roles] tr[data-role='{PortalRoles.BusinessViewer}']").TextContent, StringComparison.Ordinal));
        Assert.Contains("“Welcome.”", page.Find("[data-testid=decision-comment]").TextContent, StringComparison.Ordinal);
        page.Find("[data-testid=withdraw]").Click();
        var confirm = page.WaitForElement(".mud-dialog button:last-child");
        Assert.Contains("Withdraw", confirm.TextContent, StringComparison.Ordinal);
        confirm.Click();

        page.WaitForAssertion(() => Assert.DoesNotContain(page.FindAll("[data-testid=request-state]"), chip => chip.GetAttribute("data-state") == "Pending"));
        Assert.Contains(page.FindAll("[data-testid=request-state]"), chip => chip.GetAttribute("data-state") == "Withdrawn");
    }
}
