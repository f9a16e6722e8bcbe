using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlOpsPortal.Features.Reports;

/// <summary>
/// Everything a report says, independent of how it is shown: the screen, the PDF, the XLSX and the CSV files all render
/// this one document, and its canonical JSON is what the archive keeps and hashes.
/// </summary>
public sealed record ReportDocument(
    ReportKind Kind,
    string Title,
    DateTime FromUtc,
    DateTime ToUtc,
    DateTime AsOfUtc,
    DateTime GeneratedAtUtc,
    string GeneratedBy,
    string Headline,
    IReadOnlyList<ReportSection> Sections,
    IReadOnlyList<ReportDefinition> Definitions)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The period as people read it: the last day shown is the day before <see cref="ToUtc"/>.</summary>
    public string PeriodText => string.Create(CultureInfo.InvariantCulture, $"{FromUtc:d MMM yyyy} – {ToUtc.AddTicks(-1):d MMM yyyy}");

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ReportDocument FromJson(string json) => JsonSerializer.Deserialize<ReportDocument>(json, Json)
        ?? throw new InvalidOperationException("The stored report is empty.");

    public static string Sha256Of(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string Sha256Of(string text) => Sha256Of(Encoding.UTF8.GetBytes(text));

    public ReportTable? FindTable(string key) => Sections.SelectMany(s => s.Tables).FirstOrDefault(t => t.Key == key);
}

/// <summary>One section: a page of the PDF and a sheet of the XLSX. <see cref="Lead"/> is a sentence anyone can read.</summary>
public sealed record ReportSection(
    string Key,
    string Title,
    string Lead,
    IReadOnlyList<ReportFigure> Figures,
    IReadOnlyList<ReportChart> Charts,
    IReadOnlyList<ReportTable> Tables);

/// <summary>A headline number of a section: <see cref="Value"/> for spreadsheets, <see cref="Display"/> for people.</summary>
public sealed record ReportFigure(string Label, double? Value, string Display);

public enum ReportChartKind
{
    /// <summary>Grouped bars: one group per category, one bar per series.</summary>
    Bar,

    /// <summary>Stacked bars: one bar per category, the series stacked.</summary>
    StackedBar,

    /// <summary>Lines over the categories (usually days or weeks).</summary>
    Line,
}

public sealed record ReportChart(string Title, ReportChartKind Kind, string Unit, IReadOnlyList<string> Categories, IReadOnlyList<ReportSeries> Series);

public sealed record ReportSeries(string Name, IReadOnlyList<double> Values);

public enum ReportColumnType
{
    Text,
    Count,
    Number,

    /// <summary>A share 0–1, shown as a percentage.</summary>
    Percent,

    Date,
    DateTime,
}

public sealed record ReportColumn(string Name, ReportColumnType Type);

/// <summary>A table of a section. <see cref="Key"/> names its CSV file ("{key}.csv").</summary>
public sealed record ReportTable(string Key, string Title, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<IReadOnlyList<ReportCell>> Rows, string? EmptyText = null);

/// <summary>One cell: exactly one of text, number or time, as its column's type says; all null is an empty cell.</summary>
public sealed record ReportCell(string? Text = null, double? Number = null, DateTime? Time = null)
{
    public static ReportCell Of(string? text) => new(Text: text);

    public static ReportCell Of(double? number) => new(Number: number);

    public static ReportCell Of(DateTime? time) => new(Time: time);

    public static ReportCell Of(DateOnly day) => new(Time: day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));

    /// <summary>The cell as text, for the screen, the PDF and CSV (invariant numbers, ISO dates).</summary>
    public string Format(ReportColumnType type) => type switch
    {
        _ when Text is not null => Text,
        ReportColumnType.Count when Number is { } n => n.ToString("N0", CultureInfo.InvariantCulture),
        ReportColumnType.Number when Number is { } n => n.ToString("0.##", CultureInfo.InvariantCulture),
        ReportColumnType.Percent when Number is { } n => (n * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %",
        ReportColumnType.Date when Time is { } t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ReportColumnType.DateTime when Time is { } t => t.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
        _ when Number is { } n => n.ToString(CultureInfo.InvariantCulture),
        _ when Time is { } t => t.ToString("O", CultureInfo.InvariantCulture),
        _ => string.Empty,
    };
}

/// <summary>What a measure means, listed on the report's last page.</summary>
public sealed record ReportDefinition(string Term, string Meaning);
