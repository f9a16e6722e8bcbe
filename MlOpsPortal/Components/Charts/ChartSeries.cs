using System.Text.Json.Serialization;

namespace MlOpsPortal.Components.Charts;

/// <summary>A named series: time-stamped points, or one value per category of a category axis.</summary>
public sealed class ChartSeries
{
    public required string Name { get; set; }

    [JsonIgnore]
    public IList<ChartPoint> Data { get; set; } = [];

    /// <summary>
    /// One value per entry of <see cref="XAxisOptions.Categories"/> (a bar per priority, per age band); when set, the
    /// series sends these instead of <see cref="Data"/>.
    /// </summary>
    [JsonIgnore]
    public IList<double?>? Values { get; set; }

    /// <summary>Per-series type for mixed charts (e.g. a line over bars); null uses the chart's type.</summary>
    public ApexChartType? Type { get; set; }

    /// <summary>CSS colour for this series; null falls back to <see cref="ApexChartOptions.Colors"/> or the palette.</summary>
    public string? Color { get; set; }

    /// <summary>Collapses the series on first draw; the legend can still bring it back.</summary>
    public bool? Hidden { get; set; }

    // ApexCharts reads both shapes from the one "data" property.
    [JsonInclude]
    [JsonPropertyName("data")]
    internal object WireData => (object?)Values ?? Data;
}
