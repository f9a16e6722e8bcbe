namespace MlOpsPortal.Components.Charts;

// Nullable and unset by default, for the reason given at the top of ApexChartOptions.cs.

public sealed class StrokeOptions
{
    public CurveType? Curve { get; set; }

    public double? Width { get; set; }
}

public enum CurveType
{
    Smooth,
    Straight,
    Stepline,
}

/// <summary>Dots on the data points; without them a series of one point is invisible.</summary>
public sealed class MarkersOptions
{
    public double? Size { get; set; }
}

public sealed class DataLabelsOptions
{
    /// <summary><see cref="ApexChart"/> turns value labels off unless set: on a time series they bury the line.</summary>
    public bool? Enabled { get; set; }
}
