using MudBlazor;

namespace MlOpsPortal.Components.Shared;

public static class PortalTheme
{
    /// <summary>Name of the cascading bool that tells pages (charts) whether the dark theme is on.</summary>
    public const string DarkModeCascade = "DarkMode";

    public static MudTheme Value { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5fa8",
            Secondary = "#5b6b7f",
            AppbarBackground = "#14345c",
            Background = "#f5f7fa",
            DrawerBackground = "#ffffff",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7fb2f0",
            Secondary = "#9fb0c4",
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
