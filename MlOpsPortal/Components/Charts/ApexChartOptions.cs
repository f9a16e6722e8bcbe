using System.Text.Json;
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

public sealed class XAxisOptions
{
    public AxisType? Type { get; set; }

    [JsonConverter(typeof(UnixMillisecondsJsonConverter))]
    public DateTimeOffset? Min { get; set; }

    [JsonConverter(typeof(UnixMillisecondsJsonConverter))]
    public DateTimeOffset? Max { get; set; }

    /// <summary>Visible window ending at the newest point; makes appended data scroll instead of squeeze.</summary>
    [JsonConverter(typeof(MillisecondsJsonConverter))]
    public TimeSpan? Range { get; set; }

    public AxisTitle? Title { get; set; }

    public XAxisLabels? Labels { get; set; }
}

public sealed class XAxisLabels
{
    /// <summary>A name from <see cref="ChartFormatters"/>; takes precedence over <see cref="Format"/>.</summary>
    public string? Formatter { get; set; }

    /// <summary>ApexCharts date format string, e.g. <c>HH:mm</c>.</summary>
    public string? Format { get; set; }

    /// <summary>ApexCharts shows datetime labels in UTC unless this is false.</summary>
    [JsonPropertyName("datetimeUTC")]
    public bool? DatetimeUtc { get; set; }
}

public sealed class YAxisOptions
{
    public AxisTitle? Title { get; set; }

    public double? Min { get; set; }

    public double? Max { get; set; }

    /// <summary>Decimals of the axis labels (ApexCharts' <c>decimalsInFloat</c>).</summary>
    [JsonPropertyName("decimalsInFloat")]
    public int? Decimals { get; set; }

    public int? TickAmount { get; set; }

    public YAxisLabels? Labels { get; set; }
}

public sealed class YAxisLabels
{
    /// <summary>A name from <see cref="ChartFormatters"/>.</summary>
    public string? Formatter { get; set; }
}

public sealed class AxisTitle
{
    public string? Text { get; set; }
}

public sealed class StrokeOptions
{
    public CurveType? Curve { get; set; }

    public double? Width { get; set; }
}

public sealed class DataLabelsOptions
{
    /// <summary><see cref="ApexChart"/> turns value labels off unless set: on a time series they bury the line.</summary>
    public bool? Enabled { get; set; }
}

public sealed class AnnotationsOptions
{
    [JsonPropertyName("yaxis")]
    public IList<YAxisAnnotation>? YAxis { get; set; }
}

/// <summary>A horizontal line (threshold, baseline) at <see cref="Y"/>, or a band up to <see cref="Y2"/>.</summary>
public sealed class YAxisAnnotation
{
    public double Y { get; set; }

    public double? Y2 { get; set; }

    public string? BorderColor { get; set; }

    public string? FillColor { get; set; }

    public int? StrokeDashArray { get; set; }

    public double? Opacity { get; set; }

    public AnnotationLabel? Label { get; set; }
}

public sealed class AnnotationLabel
{
    public string? Text { get; set; }

    public string? BorderColor { get; set; }

    public AnnotationLabelStyle? Style { get; set; } = new();
}

public sealed class AnnotationLabelStyle
{
    /// <summary>Null uses the theme's text colour.</summary>
    public string? Color { get; set; }

    /// <summary>
    /// Transparent by default: ApexCharts' own white box hides the theme's light text in dark mode.
    /// (An annotation is always sent whole, so this default cannot clobber a partial update.)
    /// </summary>
    public string? Background { get; set; } = "transparent";
}

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

public sealed class GridOptions
{
    /// <summary>Defaults in <see cref="ApexChart"/> to a colour that suits the theme mode.</summary>
    public string? BorderColor { get; set; }

    public int? StrokeDashArray { get; set; }
}

/// <summary>Dots on the data points; without them a series of one point is invisible.</summary>
public sealed class MarkersOptions
{
    public double? Size { get; set; }
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

/// <summary>
/// Names of the formatter functions defined in ApexChart.razor.js. Options carry these names instead of
/// JavaScript source, so nothing is evaluated in the browser.
/// </summary>
public static class ChartFormatters
{
    /// <summary>Browser-local time, <c>HH:mm</c>.</summary>
    public const string LocalTime = "localTime";

    /// <summary>Browser-local date and time, <c>yyyy-MM-dd HH:mm</c>.</summary>
    public const string LocalDateTime = "localDateTime";

    public const string Fixed0 = "fixed0";
    public const string Fixed1 = "fixed1";
    public const string Fixed2 = "fixed2";
    public const string Fixed3 = "fixed3";
}

public enum ApexChartType
{
    Line,
    Area,
    Bar,
}

public enum AxisType
{
    [JsonStringEnumMemberName("datetime")]
    DateTime,
    Numeric,
    Category,
}

public enum CurveType
{
    Smooth,
    Straight,
    Stepline,
}

public enum ZoomType
{
    X,
    Y,
    [JsonStringEnumMemberName("xy")]
    XY,
}

public enum LegendPosition
{
    Top,
    Right,
    Bottom,
    Left,
}

public enum ThemeMode
{
    Light,
    Dark,
}

/// <summary>The one serializer configuration for everything sent to the chart module.</summary>
internal static class ApexChartJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}

internal sealed class UnixMillisecondsJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64());

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.ToUnixTimeMilliseconds());
}

internal sealed class MillisecondsJsonConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TimeSpan.FromMilliseconds(reader.GetDouble());

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
        writer.WriteNumberValue((long)value.TotalMilliseconds);
}
