namespace MlOpsPortal.Components.Charts;

/// <summary>A named series of time-stamped points.</summary>
public sealed class ChartSeries
{
    public required string Name { get; set; }

    public IList<ChartPoint> Data { get; set; } = [];

    /// <summary>Per-series type for mixed charts (e.g. a line over bars); null uses the chart's type.</summary>
    public ApexChartType? Type { get; set; }

    /// <summary>CSS colour for this series; null falls back to <see cref="ApexChartOptions.Colors"/> or the palette.</summary>
    public string? Color { get; set; }

    /// <summary>Collapses the series on first draw; the legend can still bring it back.</summary>
    public bool? Hidden { get; set; }
}
