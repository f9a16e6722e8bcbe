using System.Globalization;
using System.Net;
using System.Text;
using MlOpsPortal.Features.Quality.Statistics;

namespace MlOpsPortal.Features.Quality;

/// <summary>
/// A report as one self-contained HTML file: inline styles and SVG charts, no scripts, nothing fetched, so it
/// opens offline years later exactly as it was written.
/// </summary>
public static class QualityReportHtml
{
    private const string Styles =
        """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1f2933}
        h1{font-size:1.6rem;margin-bottom:.25rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #d9e2ec;padding-bottom:.25rem}
        .meta{color:#52606d}.hash{font-family:ui-monospace,Consolas,monospace;font-size:.85rem;word-break:break-all}
        .badge{display:inline-block;padding:.1rem .6rem;border-radius:1rem;font-weight:600;color:#fff;font-size:.9rem}
        .Pass{background:#2e7d32}.Warn{background:#b26a00}.Fail{background:#c62828}
        table{border-collapse:collapse;width:100%;margin:.75rem 0}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #e4e7eb;vertical-align:top}
        th{background:#f5f7fa}td.num{text-align:right;font-variant-numeric:tabular-nums}tr.drifted td{background:#fdecea}
        .chart{display:inline-block;margin:.5rem 1.5rem .5rem 0;max-width:100%}.chart figcaption{font-weight:600;margin-bottom:.25rem}
        """;

    public static string Render(int id, QualityReportContent report, string sha256)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Quality report {id} — {E(report.Model)} v{report.Version}</title><style>{Styles}</style></head><body>
            <h1>Quality report {id}: {E(report.Model)} v{report.Version} <span class="badge {report.Status}">{report.Status}</span></h1>
            <p class="meta">Written {report.CreatedAt:yyyy-MM-dd HH:mm:ss} UTC by check run {report.RunId}. Immutable once written.</p>
            <p class="meta">SHA-256 of the report's JSON: <span class="hash">{sha256}</span></p>
            <table><thead><tr><th>Check</th><th>Verdict</th><th>Summary</th></tr></thead><tbody>
            """);
        foreach (var check in report.Checks)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"""<tr><td>{E(Title(check))}</td><td><span class="badge {check.Status}">{check.Status}</span></td><td>{E(check.Summary)}</td></tr>""");
        }

        html.Append("</tbody></table>");
        foreach (var check in report.Checks)
        {
            AppendCheck(html, check);
        }

        html.Append("</body></html>");
        return html.ToString();
    }

    private static void AppendCheck(StringBuilder html, CheckOutcome check)
    {
        html.Append(CultureInfo.InvariantCulture, $"""<h2>{E(Title(check))} <span class="badge {check.Status}">{check.Status}</span></h2><p>{E(check.Summary)}</p>""");
        if (check.Findings.Count > 0)
        {
            html.Append("<table><thead><tr><th>Finding</th><th>Verdict</th><th>Detail</th></tr></thead><tbody>");
            foreach (var finding in check.Findings)
            {
                html.Append(CultureInfo.InvariantCulture,
                    $"""<tr><td>{E(finding.Name)}</td><td><span class="badge {finding.Status}">{finding.Status}</span></td><td>{E(finding.Message)}</td></tr>""");
            }

            html.Append("</tbody></table>");
        }

        if (check.Features.Count == 0)
        {
            return;
        }

        html.Append("<table><thead><tr><th>Feature</th><th>Type</th><th>Test</th><th>Statistic</th><th>p-value</th><th>Threshold</th><th>Drifted</th><th>All statistics</th></tr></thead><tbody>");
        foreach (var f in check.Features)
        {
            var statistics = string.Join(", ", f.Statistics.Select(s => $"{s.Key} {Number(s.Value)}"));
            html.Append(CultureInfo.InvariantCulture, $"""
                <tr class="{(f.Drifted ? "drifted" : "")}"><td>{E(f.Name)}</td><td>{f.Type}</td><td>{E(f.Test is null ? "—" : DriftCheck.TestTitle(f.Test))}</td>
                <td class="num">{Number(f.Statistic)}</td><td class="num">{Number(f.PValue)}</td><td class="num">{Number(f.Threshold)}</td>
                <td>{(f.Drifted ? "<strong>Yes</strong>" : "No")}</td><td>{E(f.Note is null ? statistics : $"{statistics} ({f.Note})")}</td></tr>
                """);
        }

        html.Append("</tbody></table>");
        foreach (var f in check.Features.Where(f => f.Drifted && f.Distribution is not null))
        {
            html.Append(CultureInfo.InvariantCulture, $"""<figure class="chart"><figcaption>{E(f.Name)}: {E(DriftCheck.Explain(f))}</figcaption>{DistributionChartSvg.Render(f.Name, f.Distribution!)}</figure>""");
        }
    }

    private static string Title(CheckOutcome check) => CheckKinds.Parse(check.Kind)?.Title() ?? check.Kind;

    private static string Number(double? value) => value is null ? "—" : value.Value.ToString("G4", CultureInfo.InvariantCulture);

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);
}
