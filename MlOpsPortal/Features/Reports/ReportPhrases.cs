using System.Globalization;

namespace MlOpsPortal.Features.Reports;

/// <summary>Numbers, dates and tables as the usage and security audit reports phrase them (invariant culture, UTC).</summary>
internal static class ReportPhrases
{
    public static string Count(double n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>"1 person", "3 people"; without <paramref name="many"/>, "1 model", "3 models".</summary>
    public static string Plural(int n, string one, string? many = null) => $"{Count(n)} {(n == 1 ? one : many ?? one + "s")}";

    /// <summary>A share or change 0–1 as people read it: "12.5 %".</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    public static string Day(DateTime utc) => utc.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The end of a period as people read it: "the end of 14 Oct 2026" for midnight, else the instant.</summary>
    public static string EndOf(DateTime endUtc) => endUtc.TimeOfDay == TimeSpan.Zero ? "the end of " + Day(endUtc.AddTicks(-1)) : Instant(endUtc);

    public static string Instant(DateTime utc) => utc.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>Stored times come back unspecified; they are UTC by convention, and the archived JSON should say so.</summary>
    public static DateTime Utc(DateTime stored) => DateTime.SpecifyKind(stored, DateTimeKind.Utc);

    public static ReportFigure Figure(string label, int n) => new(label, n, Count(n));

    public static ReportColumn Text(string name) => new(name, ReportColumnType.Text);

    public static ReportColumn Counted(string name) => new(name, ReportColumnType.Count);

    public static ReportColumn Share(string name) => new(name, ReportColumnType.Percent);

    public static ReportColumn Date(string name) => new(name, ReportColumnType.Date);

    public static ReportColumn When(string name) => new(name, ReportColumnType.DateTime);

    public static IReadOnlyList<ReportCell> Row(params ReportCell[] cells) => cells;

    /// <summary>The days a chart of the period shows, first to last, as ISO dates.</summary>
    public static IReadOnlyList<DateOnly> DaysBetween(DateOnly first, DateOnly last) =>
        [.. Enumerable.Range(0, Math.Max(0, last.DayNumber - first.DayNumber + 1)).Select(first.AddDays)];
}
