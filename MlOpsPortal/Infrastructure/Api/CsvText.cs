using System.Globalization;
using System.Text;

namespace MlOpsPortal.Infrastructure.Api;

/// <summary>
/// RFC 4180 CSV that a spreadsheet opens as data, never as formulas: the portal's CSV downloads write through it.
/// UTC times go out in ISO 8601 so spreadsheets and SIEMs read them alike.
/// </summary>
public static class CsvText
{
    public const string LineEnd = "\r\n";

    /// <summary>One field: a leading = + - @ is quoted with an apostrophe so a spreadsheet keeps it as text; commas, quotes and line breaks are escaped.</summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var text = value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    public static string Utc(DateTime? utc) => utc?.ToString("O", CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>Appends one line of already formatted values, escaping each.</summary>
    public static StringBuilder AppendRow(this StringBuilder csv, IEnumerable<string?> values)
    {
        ArgumentNullException.ThrowIfNull(csv);
        return csv.AppendJoin(',', values.Select(Field)).Append(LineEnd);
    }
}
