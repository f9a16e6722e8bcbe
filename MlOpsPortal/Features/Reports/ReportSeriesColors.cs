using System.Globalization;

namespace MlOpsPortal.Features.Reports;

/// <summary>
/// One colour per chart series, the same on screen and in the PDF: health statuses in their conventional colours
/// (a Critical bar must never be green), everything else in a palette that stays apart in colour and in greyscale print.
/// </summary>
public static class ReportSeriesColors
{
    private static readonly string[] Palette = ["#1E5AA8", "#E07B00", "#2E9D5B", "#C23B3B", "#7B4FB5", "#0096A6", "#B5872A", "#5F6B7A"];

    private static readonly Dictionary<string, string> ByMeaning = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Healthy"] = "#2E9D5B",
        ["Warning"] = "#E07B00",
        ["Critical"] = "#C23B3B",
        ["No data"] = "#9AA3AD",
        ["Approved"] = "#2E9D5B",
        ["Rejected"] = "#C23B3B",
        ["Failed"] = "#C23B3B",
        ["Breached"] = "#C23B3B",
    };

    /// <summary>The colour of <paramref name="seriesName"/>, the <paramref name="index"/>-th series of its chart, as #RRGGBB.</summary>
    public static string For(string seriesName, int index) =>
        ByMeaning.TryGetValue(seriesName, out var color) ? color : Palette[index % Palette.Length];

    public static (byte Red, byte Green, byte Blue) Rgb(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var value = int.Parse(hex.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return ((byte)(value >> 16), (byte)(value >> 8), (byte)value);
    }
}
