using System.Globalization;
using System.Text;
using MiniExcelLibs;
using MlOpsPortal.Infrastructure.Api;

namespace MlOpsPortal.Features.Access;

/// <summary>
/// A review as auditors take it away (issue 13 §3): the population (person, sign-in name, role, source, last sign-in,
/// last use of the role), who decided what and why, what inactivity recommended, and what applying it did. One row per
/// item, the same columns in CSV and XLSX; times in UTC.
/// </summary>
public static class AccessReviewEvidence
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "reviewId", "person", "principalName", "role", "source", "lastSignInUtc", "roleLastUsedUtc", "reviewer", "decision", "decidedByDefault",
        "justification", "recommendation", "recommendationReason", "decidedAtUtc", "appliedAtUtc", "result",
    ];

    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string FileName(AccessReviewSummary review, string extension)
    {
        ArgumentNullException.ThrowIfNull(review);
        return $"access-review-{review.Id}-{review.StartedAtUtc:yyyy-MM-dd}.{extension}";
    }

    /// <summary>"Don't know" as people read it; empty for no decision.</summary>
    public static string DecisionText(ReviewDecision? decision) => decision switch
    {
        ReviewDecision.DontKnow => "Don't know",
        { } d => d.ToString(),
        null => string.Empty,
    };

    public static string Csv(AccessReviewView review)
    {
        ArgumentNullException.ThrowIfNull(review);
        var csv = new StringBuilder().AppendRow(Columns);
        foreach (var item in review.Items)
        {
            csv.AppendRow(
            [
                review.Summary.Id.ToString(CultureInfo.InvariantCulture), item.PersonName, item.PrincipalName, item.Role, item.Source,
                CsvText.Utc(item.LastSignInUtc), CsvText.Utc(item.RoleLastUsedUtc), item.ReviewerName, DecisionText(item.Decision),
                item.DecidedByDefault ? "true" : "false", item.Justification, DecisionText(item.Recommendation), item.RecommendationReason,
                CsvText.Utc(item.DecidedAtUtc), CsvText.Utc(item.AppliedAtUtc), item.Result,
            ]);
        }

        return csv.ToString();
    }

    /// <summary>The items on a first sheet, the review's scope and schedule on a second.</summary>
    public static byte[] Xlsx(AccessReviewView review)
    {
        ArgumentNullException.ThrowIfNull(review);
        var s = review.Summary;
        var rows = review.Items.Select(item => Row(
            s.Id, item.PersonName, item.PrincipalName, item.Role, item.Source, item.LastSignInUtc, item.RoleLastUsedUtc, item.ReviewerName,
            DecisionText(item.Decision), item.DecidedByDefault, item.Justification, DecisionText(item.Recommendation), item.RecommendationReason,
            item.DecidedAtUtc, item.AppliedAtUtc, item.Result)).ToList();
        var about = new List<Dictionary<string, object?>>
        {
            About("Review", $"{s.Name} (#{s.Id})"),
            About("Roles", s.Roles.Count == 0 ? "All roles" : string.Join(", ", s.Roles)),
            About("Reviewers", s.Reviewers.ToString()),
            About("Default for unanswered items", s.Default.ToString()),
            About("State", s.State.ToString()),
            About("Started by", s.StartedByName),
            About("Started (UTC)", s.StartedAtUtc),
            About("Due (UTC)", s.DueAtUtc),
            About("Completed (UTC)", s.CompletedAtUtc),
            About("Repeats every (months, 0 = once)", s.RepeatEveryMonths),
        };
        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { ["Items"] = rows, ["Review"] = about }, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static Dictionary<string, object?> Row(params object?[] values)
    {
        var row = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < Columns.Count; i++)
        {
            row[Columns[i]] = values[i];
        }

        return row;
    }

    private static Dictionary<string, object?> About(string what, object? value) => new(StringComparer.Ordinal) { ["what"] = what, ["value"] = value };
}
