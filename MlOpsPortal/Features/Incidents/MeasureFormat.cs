using System.Globalization;

namespace MlOpsPortal.Features.Incidents;

/// <summary>How the overview writes its figures: durations in the unit a person reads at a glance, percentages to one decimal.</summary>
public static class MeasureFormat
{
    public static string Minutes(double? minutes) => minutes switch
    {
        null => "—",
        > 0 and < 1 => "< 1 min",
        < 90 => $"{minutes.Value.ToString("0", CultureInfo.CurrentCulture)} min",
        < 48 * 60 => $"{(minutes.Value / 60).ToString("0.0", CultureInfo.CurrentCulture)} h",
        _ => $"{(minutes.Value / 1440).ToString("0.0", CultureInfo.CurrentCulture)} d",
    };

    public static string Percent(double? percent) => percent is { } p ? $"{p.ToString("0.#", CultureInfo.CurrentCulture)} %" : "—";

    public static string Stats(DurationStats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        return stats.Count == 0 ? "no incident yet" : $"median {Minutes(stats.Median)} over {stats.Count} incident{(stats.Count == 1 ? "" : "s")}";
    }
}
