using System.Text.Json.Serialization;

namespace MlOpsPortal.Components.Charts;

// Nullable and unset by default, for the reason given at the top of ApexChartOptions.cs.

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

    /// <summary>The labels of a category axis (<see cref="AxisType.Category"/>), matched by position to <see cref="ChartSeries.Values"/>.</summary>
    public IList<string>? Categories { get; set; }
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

public enum AxisType
{
    [JsonStringEnumMemberName("datetime")]
    DateTime,
    Numeric,
    Category,
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
