using System.Globalization;
using System.Net;
using System.Text;
using MlOpsPortal.Features.Quality.Statistics;

namespace MlOpsPortal.Features.Quality;

/// <summary>
/// Reference and current shares side by side per bin or category, as inline SVG with its own legend. Used by the
/// report page and the downloaded HTML alike, so both show the same picture; text takes the page's colour.
/// </summary>
public static class DistributionChartSvg
{
    public const string ReferenceColor = "#5c7cfa";
    public const string CurrentColor = "#f08c00";

    public static string Render(string feature, DriftDistribution distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        const int width = 480, plot = 180, top = 14, labels = 40, left = 40, legend = 22;
        var bins = distribution.Labels.Count;
        var max = Math.Max(distribution.ReferenceShares.Concat(distribution.CurrentShares).DefaultIfEmpty(0).Max(), 1e-9);
        // The right margin leaves room for the last bin's centred label.
        var slot = (width - left - 24) / (double)Math.Max(bins, 1);
        var bar = slot * 0.4;
        var svg = new StringBuilder();
        var height = top + plot + labels + legend;
        svg.Append(CultureInfo.InvariantCulture,
            $"""<svg role="img" aria-label="Distribution of {E(feature)}: reference against current, share of rows in each of {bins} bins or categories" viewBox="0 0 {width} {height}" style="width:100%;max-width:{width}px;height:auto" font-family="inherit" fill="currentColor">""");
        svg.Append(CultureInfo.InvariantCulture,
            $"""<line x1="{left}" y1="{top + plot}" x2="{width}" y2="{top + plot}" stroke="#9aa5b1"/><text x="{left - 4}" y="{top + 4}" font-size="10" text-anchor="end">{max:P0}</text><text x="{left - 4}" y="{top + plot}" font-size="10" text-anchor="end">0 %</text>""");
        for (var i = 0; i < bins; i++)
        {
            var x = left + (i * slot) + (slot * 0.1);
            var r = distribution.ReferenceShares[i] / max * plot;
            var c = distribution.CurrentShares[i] / max * plot;
            var label = E(distribution.Labels[i]);
            svg.Append(CultureInfo.InvariantCulture,
                $"""<rect x="{x:0.#}" y="{top + plot - r:0.#}" width="{bar:0.#}" height="{r:0.#}" fill="{ReferenceColor}"><title>{label}: reference {distribution.ReferenceShares[i]:P1}</title></rect>""");
            svg.Append(CultureInfo.InvariantCulture,
                $"""<rect x="{x + bar:0.#}" y="{top + plot - c:0.#}" width="{bar:0.#}" height="{c:0.#}" fill="{CurrentColor}"><title>{label}: current {distribution.CurrentShares[i]:P1}</title></rect>""");
            if (bins <= 12)
            {
                // Alternate rows keep ten bin labels readable at 480 px.
                var y = top + plot + 14 + (bins > 6 && i % 2 == 1 ? 12 : 0);
                svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x + bar:0.#}" y="{y}" font-size="10" text-anchor="middle">{E(Short(distribution.Labels[i]))}</text>""");
            }
        }

        var legendY = top + plot + labels + 12;
        svg.Append(CultureInfo.InvariantCulture,
            $"""<rect x="{left}" y="{legendY - 9}" width="10" height="10" fill="{ReferenceColor}"/><text x="{left + 14}" y="{legendY}" font-size="11">reference</text><rect x="{left + 90}" y="{legendY - 9}" width="10" height="10" fill="{CurrentColor}"/><text x="{left + 104}" y="{legendY}" font-size="11">current</text></svg>""");
        return svg.ToString();
    }

    private static string Short(string label) => label.Length <= 16 ? label : label[..15] + "…";

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);
}
