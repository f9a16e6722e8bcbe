using System.Globalization;

namespace MlOpsPortal.Features.Quality.Statistics;

/// <summary>
/// Decides whether a column of raw text cells (from CSV or JSON) is numeric: every non-missing cell must parse
/// as a finite double under the invariant culture. Null, blank, "NaN" and "nan" are missing.
/// </summary>
public static class ColumnTypeInference
{
    public static bool IsMissing(string? cell) =>
        string.IsNullOrWhiteSpace(cell) || cell.Trim().Equals("nan", StringComparison.OrdinalIgnoreCase);

    /// <summary>The cell as a finite number, or null when it is missing or not a finite number.</summary>
    public static double? TryParse(string? cell) =>
        !IsMissing(cell) && double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : null;

    /// <summary>True when every non-missing cell is a finite number (vacuously true for an all-missing column).</summary>
    public static bool IsNumeric(IEnumerable<string?> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        foreach (var cell in cells)
        {
            if (!IsMissing(cell) && TryParse(cell) is null)
            {
                return false;
            }
        }

        return true;
    }

    public static FeatureType Infer(IEnumerable<string?> cells) => IsNumeric(cells) ? FeatureType.Numeric : FeatureType.Categorical;

    /// <summary>Parsed values, NaN for missing or unparseable cells.</summary>
    public static double[] ParseNumeric(IReadOnlyList<string?> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var values = new double[cells.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = TryParse(cells[i]) ?? double.NaN;
        }

        return values;
    }

    /// <summary>
    /// Infers and parses in one pass: the values (NaN for missing cells) when every non-missing cell is a finite
    /// number, else null. Large samples are parsed once instead of once to infer and once to convert.
    /// </summary>
    public static double[]? TryParseNumeric(IReadOnlyList<string?> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var values = new double[cells.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var cell = cells[i];
            if (IsMissing(cell))
            {
                values[i] = double.NaN;
            }
            else if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
            {
                values[i] = value;
            }
            else
            {
                return null;
            }
        }

        return values;
    }
}
