using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Access;

/// <summary>The people directory, built from real sign-ins through the development sign-in page and real work.</summary>
public sealed class PeopleDirectoryTests : IDisposable
{
    private readonly PortalAppFactory app = new();

    public void Dispose() => app.Dispose();

    private PeopleDirectory People => app.Services.GetRequiredService<PeopleDirectory>();

    [Fact]
    public async Task Everyone_who_signed_in_is_listed_with_their_roles_and_sign_ins_for_auditors_over_the_api()
    {
        await SignInAsync(Personas.Approver, Personas.Approver, Personas.Contributor, Personas.Support);
        using var auditor = app.CreateClientAs(Personas.Auditor);

        var page = await (await auditor.GetPathAsync("/api/v1/access/people?page=1&pageSize=50")).JsonAsync();

        Assert.Equal(3, page["totalCount"]!.GetValue<int>());
        var arun = page["items"]!.AsArray().Single(p => p!["id"]!.GetValue<string>() == "dev-approver")!;
        Assert.Equal(("Arun Approver", "arun.approver@contoso.example", 2),
            (arun["name"]!.GetValue<string>(), arun["principalName"]!.GetValue<string>(), arun["signIns"]!.GetValue<int>()));
        Assert.Equal(["Deployments.Approver"], arun["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        var searched = await (await auditor.GetPathAsync("/api/v1/access/people?search=SCIENTIST")).JsonAsync();
        Assert.Equal("dev-contributor", Assert.Single(searched["items"]!.AsArray())!["id"]!.GetValue<string>());
        var byRole = await (await auditor.GetPathAsync($"/api/v1/access/people?role={PortalRoles.SupportEngineer}")).JsonAsync();
        Assert.Equal("dev-support", Assert.Single(byRole["items"]!.AsArray())!["id"]!.GetValue<string>());

        using var contributor = app.CreateClientAs(Personas.Contributor);
        Assert.Equal(HttpStatusCode.Forbidden, (await contributor.GetPathAsync("/api/v1/access/people")).StatusCode);
        await (await auditor.GetPathAsync("/api/v1/access/people?page=0")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_person_page_says_when_each_role_was_last_used_and_what_counts_as_using_it()
    {
        await SignInAsync(Personas.Contributor, Personas.Approver);
        var before = DateTime.UtcNow;
        await app.Services.GetRequiredService<ModelsService>().CreateModelAsync(Personas.Contributor,
            new ModelInput("people-test-model", "People test", null, "Dana Scientist", "Retail", null, RiskTier.Low, []));

        var dana = (await People.GetAsync(Personas.Support, "dev-contributor"))!;
        var arun = (await People.GetAsync(Personas.Support, "dev-approver"))!;

        var use = Assert.Single(dana.RoleUses);
        Assert.Equal((PortalRoles.ModelsContributor, "model.created"), (use.Role, use.LastAction));
        Assert.InRange(use.LastUsedUtc!.Value, before.AddSeconds(-1), DateTime.UtcNow.AddSeconds(1));
        var never = Assert.Single(arun.RoleUses);
        Assert.Equal(("last approval decided", null), (never.Measure, never.LastUsedUtc));
        Assert.Empty(dana.SegregationWarnings);
        Assert.Null(await People.GetAsync(Personas.Support, "nobody-signed-in"));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => People.GetAsync(Personas.Business, "dev-contributor"));
    }

    [Fact]
    public void Building_and_approving_or_administering_and_working_are_segregation_warnings()
    {
        Assert.Single(PeopleDirectory.SegregationWarnings([PortalRoles.ModelsContributor, PortalRoles.DeploymentsApprover]));
        Assert.Equal(2, PeopleDirectory.SegregationWarnings([PortalRoles.Admin, PortalRoles.ModelsContributor, PortalRoles.DeploymentsApprover]).Count);
        Assert.Empty(PeopleDirectory.SegregationWarnings([PortalRoles.Admin, PortalRoles.SupportEngineer]));
        Assert.Empty(PeopleDirectory.SegregationWarnings([PortalRoles.ModelsContributor, PortalRoles.SupportEngineer]));
    }

    [Fact]
    public async Task Everyone_is_there_to_choose_from_by_name_beyond_one_page_for_those_who_may_see_people()
    {
        // More than a page of the directory (at most 200): the access log's person choice must still list the last of them.
        Persona[] people = [.. Enumerable.Range(1, 205).Select(i => Personas.Custom($"test-person-{i:000}", $"Person {i:000}", PortalRoles.BusinessViewer))];
        await app.Services.RecordSignInsAsync([.. people.Reverse()]);

        var everyone = await People.EveryoneAsync(Personas.Auditor);

        Assert.Equal(people.Select(p => p.Id), everyone.Select(p => p.Id));
        Assert.Equal("Person 205", everyone[^1].Name);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => People.EveryoneAsync(Personas.Contributor));
    }

    private async Task SignInAsync(params Persona[] people)
    {
        foreach (var person in people)
        {
            using var browser = new CookieClient(app);
            using var response = await browser.SignInAsync(person);
            Assert.True((int)response.StatusCode < 400, $"{person.Name} could not sign in: {response.StatusCode}");
        }
    }
}
