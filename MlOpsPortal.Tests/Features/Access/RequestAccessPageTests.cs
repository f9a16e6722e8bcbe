using Bunit;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Access;

/// <summary>The request form, as someone without any role and as a contributor use it, against the real service.</summary>
public sealed class RequestAccessPageTests : AccessComponentContext
{
    [Fact]
    public void Submitting_nothing_shows_the_services_messages_under_the_fields()
    {
        var page = Render<RequestAccessPage>(Personas.NoRole, url: "/access/request");

        page.WaitForElement("[data-testid=submit-request]").Click();

        page.WaitForAssertion(() => Assert.Contains("Choose one of the portal's roles", page.Markup, StringComparison.Ordinal));
        Assert.Contains("Say in a sentence why your work needs this role", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=request-conflict]"));
        Assert.Empty(page.FindAll("[data-testid=request-submitted]"));
    }

    [Fact]
    public async Task A_prefilled_role_is_submitted_and_confirmed_with_the_way_back()
    {
        var page = Render<RequestAccessPage>(Personas.NoRole, url: "/access/request?role=Models.Contributor&returnUrl=%2Fmodels%2Fchurn");
        page.WaitForAssertion(() => Assert.Contains("Register models", page.Find("[data-testid=role-description]").TextContent, StringComparison.Ordinal));

        Input(page, "request-justification").Input("I join the churn team and register its models.");
        page.Find("[data-testid=submit-request]").Click();

        page.WaitForElement("[data-testid=request-submitted]");
        Assert.Equal("/models/churn", page.Find("[data-testid=back-to-where-you-were]").GetAttribute("href"));
        Assert.Equal(AccessLinks.MyAccess, page.Find("[data-testid=my-access-link]").GetAttribute("href"));
        var mine = await Requests.ListAsync(Personas.NoRole, new AccessRequestQuery(MineOnly: true));
        var request = Assert.Single(mine.Items);
        Assert.Equal((PortalRoles.ModelsContributor, (int?)90, AccessRequestState.Pending), (request.Role, request.DurationDays, request.State));
    }

    [Fact]
    public void The_refused_queue_is_offered_as_the_way_back()
    {
        var page = Render<RequestAccessPage>(Personas.Business, url: "/access/request?role=Support.Engineer&returnUrl=%2Faccess%2Frequests%3Fstate%3DPending");

        Input(page, "request-justification").Input("I triage access tickets for the retail business unit.");
        page.WaitForElement("[data-testid=submit-request]").Click();

        Assert.Equal("/access/requests?state=Pending", page.WaitForElement("[data-testid=back-to-where-you-were]").GetAttribute("href"));
    }

    [Fact]
    public void A_return_address_off_the_site_is_not_offered()
    {
        var page = Render<RequestAccessPage>(Personas.NoRole, url: "/access/request?role=Business.Viewer&returnUrl=https%3A%2F%2Fevil.example%2F");

        Input(page, "request-justification").Input("I read the churn dashboards for the retail board.");
        page.WaitForElement("[data-testid=submit-request]").Click();

        page.WaitForElement("[data-testid=request-submitted]");
        Assert.Empty(page.FindAll("[data-testid=back-to-where-you-were]"));
    }

    [Fact]
    public void A_privileged_role_cannot_be_asked_for_until_revoked_and_says_why()
    {
        var page = Render<RequestAccessPage>(Personas.Contributor, url: "/access/request?role=Deployments.Approver");

        Assert.True(Input(page, "until-revoked").HasAttribute("disabled"));
        Assert.Contains("Deployments.Approver is privileged", page.Find("[data-testid=duration-help]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asking_again_for_a_pending_role_is_shown_as_an_alert()
    {
        await Requests.SubmitAsync(Personas.NoRole, new AccessRequestInput(PortalRoles.BusinessViewer, "I read the churn dashboards for the board.", 30));
        var page = Render<RequestAccessPage>(Personas.NoRole, url: "/access/request?role=Business.Viewer");

        Input(page, "request-justification").Input("Still needed for the quarterly board pack.");
        page.Find("[data-testid=submit-request]").Click();

        page.WaitForAssertion(() => Assert.Contains("already have a pending request", page.Find("[data-testid=request-conflict]").TextContent, StringComparison.Ordinal));
    }
}
