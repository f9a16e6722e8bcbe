using System.Globalization;
using System.Text;
using System.Text.Json;
using MlOpsPortal.Infrastructure.Api;

namespace MlOpsPortal.Features.Quality;

/// <summary>
/// Reads an uploaded sample, as JSON columns or as CSV with a header row, into a <see cref="SampleTable"/>.
/// Anything it cannot read whole is refused with the first problem's place, so nothing half-read is stored.
/// </summary>
public static class SampleParser
{
    public const int MaxColumns = 1_000;
    public const int MaxColumnNameLength = 128;

    /// <summary>Reads the "columns" object of a JSON upload: every cell a number, a string or null.</summary>
    public static SampleTable FromJsonColumns(JsonElement columns)
    {
        if (columns.ValueKind != JsonValueKind.Object)
        {
            throw PortalValidationException.For("columns", "columns must be an object of column name → array of cells, e.g. {\"age\": [31, 45, null]}.");
        }

        var names = new List<string>();
        var values = new List<string?[]>();
        foreach (var column in columns.EnumerateObject())
        {
            if (column.Value.ValueKind != JsonValueKind.Array)
            {
                throw PortalValidationException.For($"columns.{column.Name}", $"Column '{column.Name}' must be an array of cells.");
            }

            var cells = new string?[column.Value.GetArrayLength()];
            var row = 0;
            foreach (var cell in column.Value.EnumerateArray())
            {
                cells[row] = cell.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.String => EmptyAsMissing(cell.GetString()),
                    JsonValueKind.Number => cell.GetDouble().ToString("R", CultureInfo.InvariantCulture),
                    _ => throw PortalValidationException.For($"columns.{column.Name}",
                        $"Column '{column.Name}' row {row + 1}: a cell must be a number, a string or null, not {cell.ValueKind.ToString().ToLowerInvariant()}."),
                };
                row++;
            }

            names.Add(column.Name);
            values.Add(cells);
        }

        return Validated(names, values, "columns");
    }

    /// <summary>RFC 4180 CSV: a header row, commas, quoted cells with doubled quotes; empty cells are missing.</summary>
    public static async Task<SampleTable> FromCsvAsync(Stream csv, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(csv);
        using var reader = new StreamReader(csv, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var text = await reader.ReadToEndAsync(cancellationToken);
        var rows = ParseCsv(text);
        if (rows.Count == 0 || rows[0].All(string.IsNullOrWhiteSpace))
        {
            throw PortalValidationException.For("file", "The CSV file is empty: its first line must name the columns.");
        }

        var header = rows[0];
        var columns = header.Select(_ => new string?[rows.Count - 1]).ToList();
        for (var r = 1; r < rows.Count; r++)
        {
            if (rows[r].Count != header.Count)
            {
                throw PortalValidationException.For("file",
                    $"Row {r + 1} of the CSV has {rows[r].Count} cells but the header names {header.Count} columns. Every row needs one cell per column (leave a cell empty when a value is missing).");
            }

            for (var c = 0; c < header.Count; c++)
            {
                columns[c][r - 1] = EmptyAsMissing(rows[r][c]);
            }
        }

        return Validated([.. header.Select(h => h.Trim())], columns, "file");
    }

    private static string? EmptyAsMissing(string? cell) => string.IsNullOrEmpty(cell) ? null : cell;

    private static SampleTable Validated(List<string> names, List<string?[]> columns, string field)
    {
        if (names.Count == 0)
        {
            throw PortalValidationException.For(field, "The sample has no columns.");
        }

        if (names.Count > MaxColumns)
        {
            throw PortalValidationException.For(field, $"A sample may have at most {MaxColumns:N0} columns; this one has {names.Count:N0}.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Length > MaxColumnNameLength)
            {
                throw PortalValidationException.For(field, $"Every column needs a name of 1–{MaxColumnNameLength} characters; '{name}' is not one.");
            }

            if (!seen.Add(name))
            {
                throw PortalValidationException.For(field, $"The column name '{name}' appears twice.");
            }
        }

        var rows = columns[0].Length;
        for (var i = 1; i < columns.Count; i++)
        {
            if (columns[i].Length != rows)
            {
                throw PortalValidationException.For(field,
                    $"Columns must have the same number of rows: '{names[0]}' has {rows:N0}, '{names[i]}' has {columns[i].Length:N0}.");
            }
        }

        if (rows == 0)
        {
            throw PortalValidationException.For(field, "The sample has no rows.");
        }

        return new SampleTable(names, columns);
    }

    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var line = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                    if (i + 1 < text.Length && text[i + 1] is not (',' or '\r' or '\n'))
                    {
                        throw PortalValidationException.For("file", $"Line {line} of the CSV has text after a closing quote; a quote inside a quoted cell is written twice (\"\").");
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        line++;
                    }

                    cell.Append(ch);
                }
            }
            else if (ch == '"' && cell.Length == 0)
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (ch is '\r' or '\n')
            {
                if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(cell.ToString());
                cell.Clear();
                rows.Add(row);
                row = [];
                line++;
            }
            else
            {
                cell.Append(ch);
            }
        }

        if (quoted)
        {
            throw PortalValidationException.For("file", "The CSV ends inside a quoted cell: a closing quote is missing.");
        }

        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            rows.Add(row);
        }

        // A blank line is no row in a file of several columns; in a one-column file it is a missing value.
        if (rows.Count > 0 && rows[0].Count > 1)
        {
            rows.RemoveAll(r => r.Count == 1 && r[0].Length == 0);
        }
        return rows;
    }
}
