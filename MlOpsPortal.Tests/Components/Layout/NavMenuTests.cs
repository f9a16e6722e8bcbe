using Bunit;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MlOpsPortal.Components.Layout;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;
using MudBlazor.Services;

namespace MlOpsPortal.Tests.Components.Layout;

public sealed class NavMenuTests : BunitContext
{
    public NavMenuTests()
    {
        Services.AddMudServices();
        // The real policies, not bUnit's placeholder: the drawer must agree with what pages enforce.
        Services.AddAuthorizationCore(Policies.Configure);
        Services.Replace(ServiceDescriptor.Transient<IAuthorizationService, DefaultAuthorizationService>());
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Theory]
    [MemberData(nameof(ExpectedNavigation.Roles), MemberType = typeof(ExpectedNavigation))]
    public void Drawer_shows_only_what_the_role_may_use(string role)
    {
        var menu = Render<NavMenu>(parameters => parameters.AddCascadingValue(Personas.ForRole(role).AuthenticationState));

        var shown = menu.FindAll("[data-nav]").Select(link => link.GetAttribute("data-nav")).ToArray();
        Assert.Equal(ExpectedNavigation.ByRole[role], shown);
    }

    [Fact]
    public void Every_entry_is_a_link_to_its_page()
    {
        var menu = Render<NavMenu>(parameters => parameters.AddCascadingValue(Personas.Admin.AuthenticationState));

        foreach (var item in NavigationItems.All)
        {
            var link = menu.Find($"[data-nav='{item.Title}']");
            var anchor = link.TagName == "A" ? link : link.QuerySelector("a")!;
            Assert.EndsWith(item.Href, anchor.GetAttribute("href"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Nobody_signed_in_sees_no_entries()
    {
        var anonymous = Task.FromResult(new AuthenticationState(new System.Security.Claims.ClaimsPrincipal()));

        var menu = Render<NavMenu>(parameters => parameters.AddCascadingValue(anonymous));

        Assert.Empty(menu.FindAll("[data-nav]"));
    }
}
