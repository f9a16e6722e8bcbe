namespace MlOpsPortal.Components.Charts;

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
