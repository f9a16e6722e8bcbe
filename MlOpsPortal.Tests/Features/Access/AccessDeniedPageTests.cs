using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using MlOpsPortal.Components.Shared;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Access;

/// <summary>The access-denied page offers to request the role the refused page needs, and brings the person back.</summary>
public sealed class AccessDeniedPageTests : AccessComponentContext
{
    [Fact]
    public void A_page_needing_ContributeModels_offers_Models_Contributor_and_the_way_back()
    {
        var page = Render<AccessDeniedPage>(Personas.Business, new Dictionary<string, object?> { ["PageType"] = typeof(ContributorsOnlyPage) },
            url: "/models/churn/edit");

        var button = page.WaitForElement("[data-testid=request-access]");
        Assert.Equal(AccessLinks.NewRequest(PortalRoles.ModelsContributor, "/models/churn/edit"), button.GetAttribute("href"));
        Assert.Contains("Request access as Models.Contributor", button.TextContent, StringComparison.Ordinal);
        Assert.Equal(PortalRoles.ModelsContributor, page.Find("[data-testid=needed-role]").TextContent);
        Assert.Contains("a support engineer decides", page.Find("[data-testid=access-denied-explanation]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Entra ID administrator", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_403_finds_the_page_from_the_refused_address()
    {
        var page = Render<AccessDeniedPage>(Personas.Business, new Dictionary<string, object?> { ["RefusedUrl"] = "/access/requests?state=Pending" });

        Assert.Equal(AccessLinks.NewRequest(PortalRoles.SupportEngineer, "/access/requests?state=Pending"),
            page.WaitForElement("[data-testid=request-access]").GetAttribute("href"));
    }

    [Fact]
    public void An_administration_page_offers_the_request_form_without_a_role()
    {
        var page = Render<AccessDeniedPage>(Personas.Business, new Dictionary<string, object?> { ["RefusedUrl"] = "/access/api-keys" });

        Assert.Equal(AccessLinks.NewRequest(null, "/access/api-keys"), page.WaitForElement("[data-testid=request-access]").GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid=needed-role]"));
    }

    [Theory]
    [InlineData("/models/churn/versions/new", typeof(RegisterVersionPage))]
    [InlineData("/access/requests/12", typeof(AccessRequestDetailsPage))]
    [InlineData("/access/requests", typeof(AccessRequestsPage))]
    [InlineData("/no/such/page", null)]
    public void Addresses_resolve_to_their_pages(string path, Type? expected) => Assert.Equal(expected, RoleToRequest.PageFor(path));

    /// <summary>A page guarded by ContributeModels, which no page of the portal names yet.</summary>
    [Authorize(Policy = Policies.ContributeModels)]
    private sealed class ContributorsOnlyPage : ComponentBase;
}
