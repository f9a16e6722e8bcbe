using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MlOpsPortal.Components.Layout;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;
using MudBlazor.Services;

namespace MlOpsPortal.Tests.Components.Layout;

/// <summary>Wherever a person is, exactly one entry of the drawer is lit: the one whose page they are on or under.</summary>
public sealed class NavMenuLitTests : IAsyncDisposable
{
    private readonly BunitContext bunit = new();

    public NavMenuLitTests()
    {
        bunit.Services.AddMudServices();
        bunit.Services.AddAuthorizationCore(Policies.Configure);
        bunit.Services.Replace(ServiceDescriptor.Transient<IAuthorizationService, DefaultAuthorizationService>());
        bunit.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public ValueTask DisposeAsync() => bunit.DisposeAsync();

    public static TheoryData<string, string> Places()
    {
        var places = new TheoryData<string, string>
        {
            { "/models/churn-model/monitoring?range=7d", "Models" },
            { "/models/churn-model?tab=quality", "Models" },
            { "/reports/subscriptions", "Reports" },
            { "/reports/12", "Reports" },
            { "/incidents/INC-0001", "Incidents" },
            { "/deployments/14", "Deployments" },
            { "/access/people/dev-admin", "People" },
            { "/audit?action=deployments", "Audit log" },
        };

        // Every top-level entry at its own address, and with a query.
        foreach (var item in NavigationItems.All.Where(i => !i.ForceLoad))
        {
            places.Add(item.Href, item.Title);
            places.Add(item.Href + "?x=1", item.Title);
        }

        return places;
    }

    [Theory]
    [MemberData(nameof(Places))]
    public void One_entry_is_lit(string address, string lit)
    {
        bunit.Services.GetRequiredService<NavigationManager>().NavigateTo(address);

        var menu = bunit.Render<NavMenu>(parameters => parameters.AddCascadingValue(Personas.Admin.AuthenticationState));

        var active = menu.FindAll("a.active").Select(a => a.GetAttribute("data-nav") ?? a.Closest("[data-nav]")?.GetAttribute("data-nav")).ToList();
        Assert.Equal([lit], active);
    }

    [Fact]
    public void Moving_deeper_moves_the_light_to_the_nearer_entry()
    {
        var navigation = bunit.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/incidents");
        var menu = bunit.Render<NavMenu>(parameters => parameters.AddCascadingValue(Personas.Admin.AuthenticationState));
        Assert.Equal(["Incidents"], menu.FindAll("a.active").Select(a => a.GetAttribute("data-nav")));

        navigation.NavigateTo("/incidents/overview");

        menu.WaitForAssertion(() => Assert.Equal(["Incidents overview"], menu.FindAll("a.active").Select(a => a.GetAttribute("data-nav"))));
    }
}
