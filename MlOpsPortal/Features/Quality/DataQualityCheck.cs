using System.Globalization;
using System.Text;
using MlOpsPortal.Features.Quality.Statistics;

namespace MlOpsPortal.Features.Quality;

/// <summary>Missing values, type errors, out-of-range values, duplicates, row count and freshness of the current sample.</summary>
public static class DataQualityCheck
{
    public static CheckOutcome Evaluate(SampleTable? current, DateTime? currentUploadedAtUtc, SampleTable? reference, CheckSuiteSettings settings, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (current is null)
        {
            return CheckOutcome.CannotEvaluate(CheckKind.DataQuality, "no current sample has been uploaded for this version (POST /api/v1/models/{key}/samples with role \"current\").");
        }

        var findings = new List<CheckFinding> { RowCount(current.RowCount, settings) };
        var age = nowUtc - (currentUploadedAtUtc ?? nowUtc);
        var ageStatus = age.TotalHours > 2 * settings.MaxSampleAgeHours ? QualityStatus.Fail : age.TotalHours > settings.MaxSampleAgeHours ? QualityStatus.Warn : QualityStatus.Pass;
        findings.Add(new("freshness", ageStatus, Text($"The current sample is {age.TotalHours:0.#} hours old (limit {settings.MaxSampleAgeHours} hours)."),
            Math.Round(age.TotalHours, 2), settings.MaxSampleAgeHours));

        var missingProblems = 0;
        var worstMissing = (Name: string.Empty, Share: 0.0);
        for (var i = 0; i < current.Names.Count; i++)
        {
            var name = current.Names[i];
            var cells = current.Columns[i];
            var missing = cells.Count(ColumnTypeInference.IsMissing);
            var share = (double)missing / Math.Max(cells.Length, 1);
            if (share > worstMissing.Share)
            {
                worstMissing = (name, share);
            }

            if (share > settings.MaxMissingShare)
            {
                missingProblems++;
                findings.Add(new($"missing:{name}", share > 2 * settings.MaxMissingShare ? QualityStatus.Fail : QualityStatus.Warn,
                    Text($"'{name}' is missing in {share:P1} of rows (limit {settings.MaxMissingShare:P1})."), share, settings.MaxMissingShare));
            }

            // The prediction column is the model's output: prediction drift judges it, not the input's data quality.
            if (name != settings.PredictionColumn && ExpectedType(name, reference, settings) == FeatureType.Numeric)
            {
                findings.AddRange(NumericFindings(name, cells, reference?.Column(name), settings));
            }
        }

        if (missingProblems == 0)
        {
            findings.Add(new("missing", QualityStatus.Pass, worstMissing.Share == 0
                ? "No missing values."
                : Text($"At most {worstMissing.Share:P1} missing in any column ('{worstMissing.Name}'; limit {settings.MaxMissingShare:P1})."), worstMissing.Share, settings.MaxMissingShare));
        }

        findings.Add(Duplicates(current, settings));
        var status = findings.Max(f => f.Status);
        var problems = findings.Count(f => f.Status != QualityStatus.Pass);
        var summary = problems == 0
            ? Text($"{current.RowCount:N0} rows × {current.Names.Count} columns: no problems found.")
            : Text($"{current.RowCount:N0} rows × {current.Names.Count} columns: {problems} problem{(problems == 1 ? "" : "s")} found.");
        return CheckOutcome.Of(CheckKind.DataQuality, summary, findings) with { Status = status };
    }

    // Reports are archived text: they read the same whatever culture the server runs in.
    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static CheckFinding RowCount(int rows, CheckSuiteSettings settings)
    {
        var tooFew = settings.ExpectedMinRows is { } min && rows < min;
        var tooMany = settings.ExpectedMaxRows is { } max && rows > max;
        var expected = (settings.ExpectedMinRows, settings.ExpectedMaxRows) switch
        {
            ({ } a, { } b) => Text($"{a:N0}–{b:N0}"),
            ({ } a, null) => Text($"at least {a:N0}"),
            (null, { } b) => Text($"at most {b:N0}"),
            _ => "any number",
        };
        return new("row_count", tooFew || tooMany ? QualityStatus.Fail : QualityStatus.Pass, Text($"{rows:N0} rows; expected {expected}."), rows,
            tooFew ? settings.ExpectedMinRows : settings.ExpectedMaxRows);
    }

    private static FeatureType ExpectedType(string name, SampleTable? reference, CheckSuiteSettings settings)
    {
        if (settings.Features.TryGetValue(name, out var feature) && feature.Type is { } type)
        {
            return type;
        }

        return reference?.Column(name) is { } referenceCells ? ColumnTypeInference.Infer(referenceCells) : FeatureType.Categorical;
    }

    private static IEnumerable<CheckFinding> NumericFindings(string name, string?[] cells, string?[]? referenceCells, CheckSuiteSettings settings)
    {
        var present = 0;
        var typeErrors = 0;
        var values = new List<double>(cells.Length);
        foreach (var cell in cells)
        {
            if (ColumnTypeInference.IsMissing(cell))
            {
                continue;
            }

            present++;
            if (ColumnTypeInference.TryParse(cell) is { } value)
            {
                values.Add(value);
            }
            else
            {
                typeErrors++;
            }
        }

        if (typeErrors > 0)
        {
            var share = (double)typeErrors / present;
            yield return new($"type:{name}", share > settings.MaxMissingShare ? QualityStatus.Fail : QualityStatus.Warn,
                Text($"'{name}' is numeric but {typeErrors:N0} cells ({share:P1}) are not numbers."), typeErrors, 0);
        }

        settings.Features.TryGetValue(name, out var feature);
        var (min, max, configured) = (feature?.Min, feature?.Max, feature?.Min is not null || feature?.Max is not null);
        if (!configured && referenceCells is not null)
        {
            // Without a configured range the reference's own range is the expectation, judged more leniently.
            var reference = ColumnTypeInference.ParseNumeric(referenceCells).Where(double.IsFinite).ToList();
            if (reference.Count > 0)
            {
                (min, max) = (reference.Min(), reference.Max());
            }
        }

        if ((min is null && max is null) || values.Count == 0)
        {
            yield break;
        }

        var outside = values.Count(v => v < (min ?? double.NegativeInfinity) || v > (max ?? double.PositiveInfinity));
        var outsideShare = (double)outside / values.Count;
        var status = configured
            ? outsideShare > 0.01 ? QualityStatus.Fail : outside > 0 ? QualityStatus.Warn : QualityStatus.Pass
            : outsideShare > 0.05 ? QualityStatus.Warn : QualityStatus.Pass;
        if (status != QualityStatus.Pass)
        {
            var range = string.Create(CultureInfo.InvariantCulture, $"{min?.ToString("G6", CultureInfo.InvariantCulture) ?? "−∞"} … {max?.ToString("G6", CultureInfo.InvariantCulture) ?? "∞"}");
            yield return new($"range:{name}", status,
                Text($"{outside:N0} values of '{name}' ({outsideShare:P1}) lie outside {(configured ? "its allowed range" : "the reference's range")} {range}."), outsideShare,
                configured ? 0 : 0.05);
        }
    }

    private static CheckFinding Duplicates(SampleTable table, CheckSuiteSettings settings)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = 0;
        var row = new StringBuilder();
        for (var r = 0; r < table.RowCount; r++)
        {
            row.Clear();
            foreach (var column in table.Columns)
            {
                row.Append(column[r] ?? "\u2400").Append('\u001f');
            }

            if (!seen.Add(row.ToString()))
            {
                duplicates++;
            }
        }

        var share = (double)duplicates / Math.Max(table.RowCount, 1);
        return new("duplicates", share > settings.MaxDuplicateShare ? QualityStatus.Warn : QualityStatus.Pass,
            duplicates == 0 ? "No duplicated rows." : Text($"{duplicates:N0} rows ({share:P1}) repeat an earlier row (limit {settings.MaxDuplicateShare:P1})."),
            share, settings.MaxDuplicateShare);
    }
}
