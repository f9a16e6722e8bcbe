using System.Globalization;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>
/// A dashboard's time range as the query string carries it: <c>range=1h|24h|7d|30d</c> ends now and is live;
/// <c>range=custom&amp;from=…&amp;to=…</c> (UTC, <c>yyyy-MM-ddTHH:mm</c>) is a fixed window. The query string stays in UTC
/// so a shared link means the same window to everyone; people enter and read it in their own time zone.
/// </summary>
public sealed record DashboardRange(string Key, DateTimeOffset From, DateTimeOffset To, bool Live, string Text, string? Error = null)
{
    public const string Custom = "custom";
    public const string Default = "24h";
    public const string InputFormat = "yyyy-MM-ddTHH:mm";

    // Browsers may send a date-time input's value with seconds.
    private static readonly string[] InputFormats = [InputFormat, "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFF"];

    public static IReadOnlyList<(string Key, string Label)> Choices { get; } =
    [
        ("1h", "Last hour"),
        ("24h", "Last 24 hours"),
        ("7d", "Last 7 days"),
        ("30d", "Last 30 days"),
        (Custom, "Custom…"),
    ];

    public static DashboardRange Parse(string? key, string? from, string? to, DateTimeOffset now)
    {
        switch (key)
        {
            case "1h":
                return Ending(key, TimeSpan.FromHours(1), "the last hour", now);
            case "7d":
                return Ending(key, TimeSpan.FromDays(7), "the last 7 days", now);
            case "30d":
                return Ending(key, TimeSpan.FromDays(30), "the last 30 days", now);
            case Custom:
                var start = ParseUtc(from);
                var end = ParseUtc(to);
                if (start is null || end is null || start >= end)
                {
                    // Showing the default window keeps the page useful while the person corrects the dates.
                    var fallback = Ending(Default, TimeSpan.FromHours(24), "the last 24 hours", now);
                    return fallback with { Key = Custom, Error = "Choose a start before the end; showing the last 24 hours meanwhile." };
                }

                return new DashboardRange(Custom, start.Value, end.Value, false,
                    $"{start.Value.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} to {end.Value.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC");
            default:
                return Ending(Default, TimeSpan.FromHours(24), "the last 24 hours", now);
        }
    }

    public static string FormatInput(DateTimeOffset value) => value.UtcDateTime.ToString(InputFormat, CultureInfo.InvariantCulture);

    /// <summary>An instant as a date-time input shows it to a person in <paramref name="zone"/> (UTC when unknown).</summary>
    public static string FormatLocalInput(DateTimeOffset value, TimeZoneInfo? zone) =>
        TimeZoneInfo.ConvertTime(value, zone ?? TimeZoneInfo.Utc).ToString(InputFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// What a person entered in <paramref name="zone"/>, as the UTC query value; unparseable input comes back unchanged
    /// so the range reports it. A time skipped by a clock change is read with the zone's standard offset.
    /// </summary>
    public static string? LocalInputToQuery(string? value, TimeZoneInfo? zone)
    {
        if (!DateTime.TryParseExact(value, InputFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return value;
        }

        zone ??= TimeZoneInfo.Utc;
        var offset = zone.IsInvalidTime(local) ? zone.BaseUtcOffset : zone.GetUtcOffset(local);
        return FormatInput(new DateTimeOffset(local, offset));
    }

    /// <summary>How the range reads in a sentence for a person in <paramref name="zone"/>; custom windows in their local time.</summary>
    public string Describe(TimeZoneInfo? zone)
    {
        if (Key != Custom || Error is not null || zone is null || zone == TimeZoneInfo.Utc)
        {
            return Text;
        }

        return $"{FormatLocal(From, zone)} to {FormatLocal(To, zone)} ({zone.Id})";
    }

    /// <summary>The zone's name for labels: "UTC" until the browser has said which zone it is in.</summary>
    public static string ZoneLabel(TimeZoneInfo? zone) => zone is null || zone == TimeZoneInfo.Utc ? "UTC" : zone.Id;

    private static string FormatLocal(DateTimeOffset value, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(value, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static DashboardRange Ending(string key, TimeSpan span, string text, DateTimeOffset now) => new(key, now - span, now, true, text);

    private static DateTimeOffset? ParseUtc(string? value) =>
        DateTimeOffset.TryParseExact(value, InputFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : null;
}
