using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Features.Usage;
using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Components.Layout;

public sealed partial class MainLayout
{
    [Inject]
    private UserPreferencesService Preferences { get; set; } = default!;

    [Inject]
    private UsageTracker Usage { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    private string? countedPath;

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

    protected override async Task OnParametersSetAsync()
    {
        errorBoundary?.Reset();
        await CountPageViewAsync();
    }

    /// <summary>
    /// One view per page a person opens in the live circuit (not the prerender, which would count the first page twice);
    /// a new sign-in state re-renders the layout without a navigation, so the path decides.
    /// </summary>
    private async Task CountPageViewAsync()
    {
        var path = "/" + Navigation.ToBaseRelativePath(Navigation.Uri).Split('?', '#')[0];
        if (!RendererInfo.IsInteractive || AuthenticationState is null || path == countedPath)
        {
            return;
        }

        countedPath = path;
        Usage.CountPageView(path, (await AuthenticationState).User);
    }

    private string ThemeToggleLabel => isDarkMode ? "Switch to light theme" : "Switch to dark theme";

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
