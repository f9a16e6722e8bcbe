using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Features.Overview;

/// <summary>
/// Each person lands on what they act on: one section per role they hold, in the order of <see cref="HomeRole"/>.
/// Roles are read as held, not through policies, so an administrator (who may do everything) sees the portal's health
/// rather than every section at once.
/// </summary>
public sealed partial class HomePage
{
    private string firstName = string.Empty;
    private IReadOnlySet<HomeRole> sections = new HashSet<HomeRole>();

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    private string Lead => sections.Count switch
    {
        0 => "Nothing to act on yet.",
        _ when sections.SetEquals([HomeRole.Executive]) => "How the models in production stand today, and the latest reports.",
        _ => "What needs you today.",
    };

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is null)
        {
            return;
        }

        var user = (await AuthenticationState).User;
        firstName = user.DisplayName().Split(' ')[0];
        sections = HomeRoles.Of(user);
    }
}
