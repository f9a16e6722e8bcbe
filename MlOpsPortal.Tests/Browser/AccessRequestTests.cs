using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Browser;

/// <summary>
/// Issue 13's way in, in two browsers: a person without a role is refused a page, asks for the role from the refusal,
/// a support engineer approves it, and the person's next navigation opens the page.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed partial class AccessRequestTests(BrowserFixture browser)
{
    private const string Justification = "Preparing the Q4 access evidence with the compliance team.";

    [Fact]
    public async Task A_person_refused_a_page_requests_the_role_support_approves_it_and_the_next_navigation_opens_the_page()
    {
        // The access log needs Compliance.Auditor, which is not privileged: a support engineer may grant it.
        var role = PortalRoles.ComplianceAuditor;
        var nina = await browser.NewPageAsync();
        await nina.SignInAsync(Personas.Newcomer);
        await nina.GotoAsync("/access/log");
        await Assertions.Expect(nina.GetByRole(AriaRole.Heading, new() { Name = "You do not have access to this page" })).ToBeVisibleAsync();
        await Assertions.Expect(nina.GetByTestId("needed-role")).ToHaveTextAsync(role);
        var requestAccess = nina.GetByTestId("request-access");
        await Assertions.Expect(requestAccess).ToHaveTextAsync($"Request access as {role}");
        await BrowserFixture.SaveScreenshotAsync(nina, "access-request-denied");

        // The form comes prefilled with the role the page needs.
        await requestAccess.ClickAsync();
        await Assertions.Expect(nina).ToHaveURLAsync(new Regex(@"/access/request\?role=Compliance\.Auditor&returnUrl=%2Faccess%2Flog$"));
        await nina.WaitForLiveAsync();
        await Assertions.Expect(nina.GetByRole(AriaRole.Combobox, new() { Name = "Role" })).ToContainTextAsync(role);
        await Assertions.Expect(nina.GetByTestId("role-description")).ToBeVisibleAsync();
        await nina.GetByTestId("request-justification").FillAsync(Justification);
        await nina.GetByTestId("request-duration").GetByText("30 days", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(nina.GetByRole(AriaRole.Radio, new() { Name = "30 days" })).ToBeCheckedAsync();
        await BrowserFixture.SaveScreenshotAsync(nina, "access-request-form");
        await nina.GetByTestId("submit-request").ClickAsync();

        var submitted = nina.GetByTestId("request-submitted");
        await Assertions.Expect(submitted).ToContainTextAsync($"Your request for {role} (30 days) is waiting for a decision.");
        await Assertions.Expect(submitted).ToContainTextAsync(Justification);
        var link = await submitted.GetByRole(AriaRole.Link, new() { Name = "View the request" }).GetAttributeAsync("href");
        var id = int.Parse(RequestId().Match(link!).Groups[1].Value, CultureInfo.InvariantCulture);

        // Sam Support decides it from the queue, in his own browser.
        var sam = await browser.NewPageAsync();
        await sam.SignInAsync(Personas.Support, "/access/requests");
        var row = sam.GetByTestId("requests").Locator("tbody tr").Filter(new() { Has = sam.Locator($"a[href='/access/requests/{id}']") });
        await Assertions.Expect(row).ToContainTextAsync("Nina Newcomer");
        await Assertions.Expect(row).ToContainTextAsync(role);
        await Assertions.Expect(row).ToContainTextAsync("30 days");
        await BrowserFixture.SaveScreenshotAsync(sam, "access-request-queue");
        await row.GetByTestId("request-link").ClickAsync();
        await Assertions.Expect(sam).ToHaveURLAsync(new Regex($"/access/requests/{id}$"));
        await Assertions.Expect(sam.GetByTestId("request-title")).ToHaveTextAsync($"{role} for Nina Newcomer");
        await Assertions.Expect(sam.GetByTestId("request-justification")).ToHaveTextAsync(Justification);
        await Assertions.Expect(sam.GetByTestId("decision-refusal")).ToHaveCountAsync(0);
        await sam.GetByTestId("decision-comment").FillAsync("Approved for the Q4 evidence.");
        await BrowserFixture.SaveScreenshotAsync(sam, "access-request-decide");
        await sam.GetByTestId("approve").ClickAsync();
        await Assertions.Expect(sam.GetByTestId("request-outcome")).ToContainTextAsync($"Approved by Sam Support: Nina Newcomer holds {role} until");
        await Assertions.Expect(sam.GetByTestId("request-comment")).ToHaveTextAsync("Approved for the Q4 evidence.");
        await Assertions.Expect(sam.GetByTestId("decision-panel")).ToHaveCountAsync(0);
        await BrowserFixture.SaveScreenshotAsync(sam, "access-request-approved");

        // Nina's next navigation, in the circuit she asked from, opens the page.
        await nina.GetByTestId("back-to-where-you-were").ClickAsync();
        await Assertions.Expect(nina).ToHaveURLAsync(new Regex("/access/log$"));
        await Assertions.Expect(nina.GetByRole(AriaRole.Heading, new() { Name = "Access log", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(nina.GetByRole(AriaRole.Heading, new() { Name = "You do not have access to this page" })).ToHaveCountAsync(0);
        await BrowserFixture.SaveScreenshotAsync(nina, "access-request-granted");

        // Her own history there: the approval of her request, found by person and event, both kept in the address.
        await nina.WaitForLiveAsync();
        await nina.GetByTestId("log-person").Locator("select").SelectOptionAsync(Personas.Newcomer.Id);
        await Assertions.Expect(nina).ToHaveURLAsync(new Regex($"person={Personas.Newcomer.Id}"));
        await nina.GetByTestId("log-action").Locator("select").SelectOptionAsync(AccessRequests.ApprovedAction);
        await Assertions.Expect(nina).ToHaveURLAsync(new Regex($"action={Regex.Escape(AccessRequests.ApprovedAction)}"));
        // Other browser tests may have decided requests of hers too: every row shown is an approval about her, this one among them.
        var rows = nina.GetByTestId("access-log").Locator("tbody tr");
        await Assertions.Expect(rows.Filter(new() { HasNotText = AccessRequests.ApprovedAction })).ToHaveCountAsync(0);
        await Assertions.Expect(rows.Filter(new() { HasNotText = $"User {Personas.Newcomer.Id}" })).ToHaveCountAsync(0);
        await Assertions.Expect(rows.Filter(new() { HasText = "Sam Support" })).Not.ToHaveCountAsync(0);
        await BrowserFixture.SaveScreenshotAsync(nina, "access-log-filtered");

        await sam.Context.CloseAsync();
        await nina.Context.CloseAsync();
    }

    [GeneratedRegex(@"/access/requests/(\d+)$")]
    private static partial Regex RequestId();
}
