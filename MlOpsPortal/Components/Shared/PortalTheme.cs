using MudBlazor;

namespace MlOpsPortal.Components.Shared;

public static class PortalTheme
{
    /// <summary>Name of the cascading bool that tells pages (charts) whether the dark theme is on.</summary>
    public const string DarkModeCascade = "DarkMode";

    /// <summary>What the dark palette's filled colours (buttons, chips, the selected view) write on themselves.</summary>
    private const string DarkOnFilled = "#0d131d";

    /// <remarks>
    /// Every colour a page fills or writes with reaches WCAG AA (4.5:1) against its text and against the surface
    /// (<c>PortalThemeContrastTests</c>): MudBlazor's defaults do not (white on its orange is 2.2:1, and every light
    /// dark-mode colour under white text about 2:1), so the light palette darkens the status colours and the dark one
    /// writes dark text on its light fills.
    /// </remarks>
    public static MudTheme Value { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5fa8",
            Secondary = "#5b6b7f",
            Info = "#1769c2",
            Success = "#2e7d32",
            Warning = "#a85a00",
            Error = "#c62828",
            AppbarBackground = "#14345c",
            Background = "#f5f7fa",
            DrawerBackground = "#ffffff",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7fb2f0",
            PrimaryContrastText = DarkOnFilled,
            Secondary = "#9fb0c4",
            SecondaryContrastText = DarkOnFilled,
            InfoContrastText = DarkOnFilled,
            SuccessContrastText = DarkOnFilled,
            WarningContrastText = DarkOnFilled,
            ErrorContrastText = DarkOnFilled,
            AppbarBackground = "#101826",
            Background = "#0d131d",
            Surface = "#16202e",
            DrawerBackground = "#121a26",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
    };
}
