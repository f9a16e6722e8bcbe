using Bunit;
using MlOpsPortal.Components.Shared;
using MudBlazor;
using MudBlazor.Services;

namespace MlOpsPortal.Tests.Components.Shared;

/// <summary>The portal's theme provider writes what MudThemeProvider draws for the portal's theme, from stylesheets built once and shared.</summary>
public sealed class PortalThemeProviderTests : IAsyncDisposable
{
    private readonly BunitContext bunit = new();

    public PortalThemeProviderTests()
    {
        bunit.Services.AddMudServices();
        bunit.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public ValueTask DisposeAsync() => bunit.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Each_mode_has_the_stylesheet_MudThemeProvider_builds_for_it(bool dark)
    {
        var mud = bunit.Render<MudThemeProvider>(ps => ps.Add(p => p.Theme, PortalTheme.Value).Add(p => p.IsDarkMode, dark).Add(p => p.ObserveSystemDarkModeChange, false));
        var portal = bunit.Render<PortalThemeProvider>(ps => ps.Add(p => p.IsDarkMode, dark));

        portal.WaitForAssertion(() => Assert.Equal(mud.Markup, portal.Markup));
        Assert.Contains(dark ? PortalTheme.Value.PaletteDark.Background.ToString() : PortalTheme.Value.PaletteLight.Background.ToString(), portal.Markup, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Switching_the_mode_switches_the_stylesheet()
    {
        var portal = bunit.Render<PortalThemeProvider>(ps => ps.Add(p => p.IsDarkMode, false));
        portal.WaitForAssertion(() => Assert.Contains(PortalTheme.Value.PaletteLight.Background.ToString(), portal.Markup, StringComparison.OrdinalIgnoreCase));
        var light = portal.Markup;

        portal.Render(ps => ps.Add(p => p.IsDarkMode, true));
        portal.WaitForAssertion(() => Assert.NotEqual(light, portal.Markup));
        Assert.Contains(PortalTheme.Value.PaletteDark.Background.ToString(), portal.Markup, StringComparison.OrdinalIgnoreCase);
    }
}
