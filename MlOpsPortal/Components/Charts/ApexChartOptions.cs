using System.Text.Json.Serialization;

namespace MlOpsPortal.Components.Charts;

// Every property is nullable and unset by default: null means "ApexCharts' own default", and the same
// classes double as partial patches for ApexChart.UpdateOptionsAsync, where a non-null default would
// silently reset what the chart already shows.

/// <summary>Options for <see cref="ApexChart"/>, mirroring the ApexCharts option tree for time-series charts.</summary>
public sealed class ApexChartOptions
{
    public ApexChartSettings? Chart { get; set; }

    public IList<ChartSeries>? Series { get; set; }

    [JsonPropertyName("xaxis")]
    public XAxisOptions? XAxis { get; set; }

    [JsonPropertyName("yaxis")]
    public YAxisOptions? YAxis { get; set; }

    public StrokeOptions? Stroke { get; set; }

    /// <summary>Series colours in order (CSS colours); overrides the theme palette.</summary>
    public IList<string>? Colors { get; set; }

    public DataLabelsOptions? DataLabels { get; set; }

    public AnnotationsOptions? Annotations { get; set; }

    public TooltipOptions? Tooltip { get; set; }

    public LegendOptions? Legend { get; set; }

    public GridOptions? Grid { get; set; }

    public NoDataOptions? NoData { get; set; }

    public MarkersOptions? Markers { get; set; }

    public ThemeOptions? Theme { get; set; }
}

public sealed class ApexChartSettings
{
    public ApexChartType? Type { get; set; }

    /// <summary>Height in pixels; the component's <c>Height</c> parameter takes precedence.</summary>
    public int? Height { get; set; }

    public bool? Stacked { get; set; }

    /// <summary><see cref="ApexChart"/> makes this <c>transparent</c> unless set, so the surrounding card shows through in both themes.</summary>
    public string? Background { get; set; }

    public string? ForeColor { get; set; }

    public string? FontFamily { get; set; }

    /// <summary>CSP nonce for the &lt;style&gt; element ApexCharts injects, if the policy forbids inline styles.</summary>
    public string? Nonce { get; set; }

    public AnimationOptions? Animations { get; set; }

    public ToolbarOptions? Toolbar { get; set; }

    public ZoomOptions? Zoom { get; set; }
}

public sealed class AnimationOptions
{
    public bool? Enabled { get; set; }

    /// <summary>Duration in milliseconds.</summary>
    public int? Speed { get; set; }
}

public sealed class ToolbarOptions
{
    public bool? Show { get; set; }
}

public sealed class ZoomOptions
{
    public bool? Enabled { get; set; }

    public ZoomType? Type { get; set; }

    [JsonPropertyName("autoScaleYaxis")]
    public bool? AutoScaleYAxis { get; set; }
}

public enum ApexChartType
{
    Line,
    Area,
    Bar,
}

public enum ZoomType
{
    X,
    Y,
    [JsonStringEnumMemberName("xy")]
    XY,
}
