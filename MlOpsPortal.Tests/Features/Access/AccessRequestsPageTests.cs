using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Access;

/// <summary>The access request queue's state choice: pending by default, any other state kept in the address.</summary>
public sealed class AccessRequestsPageTests : AccessComponentContext
{
    private Task<AccessRequestView> AskAsync(Persona who) =>
        Requests.SubmitAsync(who, new AccessRequestInput(PortalRoles.BusinessViewer, "I read the churn dashboards for the retail board.", 90));

    private static string[] Requesters(IRenderedComponent<IComponent> page) =>
        [.. page.FindAll("[data-testid=request-link]").Select(a => a.TextContent.Trim())];

    [Fact]
    public async Task Pending_is_shown_first_and_a_chosen_state_goes_into_the_address()
    {
        var waiting = await AskAsync(Personas.NoRole);
        var decided = await AskAsync(Personas.Newcomer);
        await Requests.ApproveAsync(Personas.Support, decided.Id, null);
        var navigation = Bunit.Services.GetRequiredService<NavigationManager>();
        var page = Render<AccessRequestsPage>(Personas.Support);

        page.WaitForAssertion(() => Assert.Equal([waiting.RequesterName], Requesters(page)));
        Assert.Equal(nameof(AccessRequestState.Pending), page.Find("[data-testid=requests-state] option[selected]").GetAttribute("value"));

        page.Find("[data-testid=requests-state] select").Change(nameof(AccessRequestState.Approved));
        page.WaitForAssertion(() => Assert.EndsWith("?state=Approved", navigation.Uri, StringComparison.Ordinal));
        page.WaitForAssertion(() => Assert.Equal([decided.RequesterName], Requesters(page)));

        page.Find("[data-testid=requests-state] select").Change("Any");
        page.WaitForAssertion(() => Assert.Equal(2, Requesters(page).Length));

        page.Find("[data-testid=requests-state] select").Change(nameof(AccessRequestState.Pending));
        page.WaitForAssertion(() => Assert.DoesNotContain("state=", navigation.Uri, StringComparison.Ordinal));
        page.WaitForAssertion(() => Assert.Equal([waiting.RequesterName], Requesters(page)));
    }
}
