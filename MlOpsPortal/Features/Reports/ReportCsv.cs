using System.Globalization;
using System.IO.Compression;
using System.Text;
using MlOpsPortal.Infrastructure.Api;

namespace MlOpsPortal.Features.Reports;

/// <summary>
/// One CSV file per report table: a header of column names, then one line per row. Numbers are invariant decimals
/// (shares 0–1, not percentages), dates ISO 8601, text made formula-safe by <see cref="CsvText"/>.
/// </summary>
public static class ReportCsv
{
    public static byte[] Render(ReportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var csv = new StringBuilder();
        csv.AppendRow(table.Columns.Select(c => c.Name));
        foreach (var row in table.Rows)
        {
            csv.AppendJoin(',', table.Columns.Select((column, i) => Cell(i < row.Count ? row[i] : null, column.Type))).Append(CsvText.LineEnd);
        }

        // With a byte-order mark, so a spreadsheet opened by double-click reads UTF-8 names correctly.
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    /// <summary>Every table of the report, one "{table}.csv" per table, in one zip.</summary>
    public static byte[] Zip(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var table in document.Sections.SelectMany(s => s.Tables))
            {
                // A fixed time, so the same report always zips to the same bytes.
                var entry = zip.CreateEntry(table.Key + ".csv", CompressionLevel.Optimal);
                entry.LastWriteTime = new DateTimeOffset(document.GeneratedAtUtc, TimeSpan.Zero);
                using var stream = entry.Open();
                stream.Write(Render(table));
            }
        }

        return buffer.ToArray();
    }

    private static string Cell(ReportCell? cell, ReportColumnType type) => cell switch
    {
        null => string.Empty,
        { Text: { } text } => CsvText.Field(text),
        { Number: { } number } => number.ToString("R", CultureInfo.InvariantCulture),
        { Time: { } time } when type == ReportColumnType.Date => time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        { Time: { } time } => CsvText.Utc(time),
        _ => string.Empty,
    };
}
