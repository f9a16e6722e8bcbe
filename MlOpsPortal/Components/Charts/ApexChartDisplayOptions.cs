namespace MlOpsPortal.Components.Charts;

// Nullable and unset by default, for the reason given at the top of ApexChartOptions.cs.

public sealed class TooltipOptions
{
    public bool? Enabled { get; set; }

    public bool? Shared { get; set; }

    public TooltipX? X { get; set; }

    public TooltipY? Y { get; set; }
}

public sealed class TooltipX
{
    /// <summary>ApexCharts date format string, e.g. <c>dd MMM HH:mm</c>.</summary>
    public string? Format { get; set; }

    /// <summary>A name from <see cref="ChartFormatters"/>; takes precedence over <see cref="Format"/>.</summary>
    public string? Formatter { get; set; }
}

public sealed class TooltipY
{
    /// <summary>A name from <see cref="ChartFormatters"/>.</summary>
    public string? Formatter { get; set; }
}

public sealed class LegendOptions
{
    public bool? Show { get; set; }

    public LegendPosition? Position { get; set; }
}

public enum LegendPosition
{
    Top,
    Right,
    Bottom,
    Left,
}

public sealed class GridOptions
{
    /// <summary>Defaults in <see cref="ApexChart"/> to a colour that suits the theme mode.</summary>
    public string? BorderColor { get; set; }

    public int? StrokeDashArray { get; set; }
}

public sealed class NoDataOptions
{
    public string? Text { get; set; }
}

public sealed class ThemeOptions
{
    /// <summary>Overridden by the component's <c>DarkMode</c> parameter when that is set.</summary>
    public ThemeMode? Mode { get; set; }
}

public enum ThemeMode
{
    Light,
    Dark,
}
