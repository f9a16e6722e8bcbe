using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Components.Layout;

public sealed partial class MainLayout
{
    [Inject]
    private UserPreferencesService Preferences { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    private bool drawerOpen = true;
    private bool isDarkMode;
    private string? userId;
    private PortalErrorBoundary? errorBoundary;

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is null)
        {
            return;
        }

        userId = (await AuthenticationState).User.UserId();
        if (userId is not null)
        {
            isDarkMode = await Preferences.DarkModeAsync(userId);
        }
    }

    protected override void OnParametersSet() => errorBoundary?.Reset();

    private void ToggleDrawer() => drawerOpen = !drawerOpen;

    private async Task ToggleThemeAsync()
    {
        isDarkMode = !isDarkMode;
        if (userId is not null)
        {
            await Preferences.SetDarkModeAsync(userId, isDarkMode);
        }
    }
}
