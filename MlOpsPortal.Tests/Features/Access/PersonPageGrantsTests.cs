using Bunit;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Access;

/// <summary>A person's roles with their sources, and revoking a grant from their page.</summary>
public sealed class PersonPageGrantsTests : AccessComponentContext
{
    private async Task<AccessRequestView> GrantAsync(string role, int days = 90)
    {
        await SignInAsync(Personas.NoRole);
        var request = await Requests.SubmitAsync(Personas.NoRole, new AccessRequestInput(role, "I join the churn team and need this role.", days));
        return await Requests.ApproveAsync(Personas.Admin, request.Id, null);
    }

    private IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> RenderPerson(Persona viewer) =>
        Render<PersonPage>(viewer, new Dictionary<string, object?> { ["Id"] = Personas.NoRole.Id });

    [Fact]
    public async Task Roles_say_where_they_come_from_and_revoking_requires_a_reason()
    {
        await GrantAsync(PortalRoles.ModelsContributor);
        var page = RenderPerson(Personas.Support);

        page.WaitForAssertion(() => Assert.Equal(PeopleDirectory.PortalGrantSource, page.Find("[data-testid=held-roles] [data-testid=held-role-source]").TextContent.Trim()));
        page.Find("[data-testid=revoke-grant]").Click();
        page.WaitForElement("[data-testid=confirm-revoke-grant]").Click();
        page.WaitForAssertion(() => Assert.Contains("Say why the access is revoked", page.Markup, StringComparison.Ordinal));

        Input(page, "revoke-grant-reason").Change("Moved to another team.");
        page.Find("[data-testid=confirm-revoke-grant]").Click();

        page.WaitForAssertion(() => Assert.Equal("Ended", page.Find("[data-testid=grant-state]").GetAttribute("data-state")));
        Assert.Contains("Moved to another team.", page.Find("[data-testid=grants]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=revoke-grant]"));
        Assert.NotEmpty(page.FindAll("[data-testid=held-roles-empty]"));
    }

    [Fact]
    public async Task What_the_person_did_reads_as_the_audit_logs_sentences_with_links()
    {
        var granted = await GrantAsync(PortalRoles.ModelsContributor);

        var page = RenderPerson(Personas.Auditor);

        // Nina asked for the role: said as a sentence linking to the request, not as "access.requested User dev-newcomer".
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll($"[data-testid=person-log] [data-action='{AccessRequests.RequestedAction}']")));
        var asked = page.Find($"[data-testid=person-log] [data-action='{AccessRequests.RequestedAction}'] [data-testid=audit-sentence]");
        Assert.Equal($"{Personas.NoRole.Name} asked for {PortalRoles.ModelsContributor} in access request #{granted.Id}", asked.TextContent.Trim());
        Assert.Equal(AccessLinks.Request(granted.Id), asked.QuerySelector("[data-testid=audit-thing]")!.GetAttribute("href"));
        Assert.DoesNotContain(AccessRequests.RequestedAction, page.Find("[data-testid=person-log]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Support_engineers_are_not_offered_to_revoke_a_privileged_role()
    {
        await GrantAsync(PortalRoles.DeploymentsApprover, 30);

        var page = RenderPerson(Personas.Support);

        page.WaitForElement("[data-testid=grants]");
        Assert.Empty(page.FindAll("[data-testid=revoke-grant]"));
    }

    [Fact]
    public async Task Administrators_revoke_privileged_roles()
    {
        await GrantAsync(PortalRoles.DeploymentsApprover, 30);

        var page = RenderPerson(Personas.Admin);

        page.WaitForElement("[data-testid=grants]");
        Assert.NotEmpty(page.FindAll("[data-testid=revoke-grant]"));
    }

    [Fact]
    public async Task Auditors_see_grants_without_a_revoke_button()
    {
        await GrantAsync(PortalRoles.BusinessViewer);

        var page = RenderPerson(Personas.Auditor);

        page.WaitForElement("[data-testid=grants]");
        Assert.Empty(page.FindAll("[data-testid=revoke-grant]"));
    }
}
