using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace MlOpsPortal.Features.Reports;

/// <summary>
/// The flow of a report PDF: A4 portrait pages, a cursor that moves down the page, and a new page (with the running
/// heading marked "(continued)") when the next block does not fit above the footer.
/// </summary>
internal sealed class PdfPages(PdfDocument document, PdfStyle style) : IDisposable
{
    public const double Margin = 50;
    public const double TopMargin = 50;

    /// <summary>Kept free at the bottom of every page for the footer.</summary>
    public const double BottomMargin = 64;

    private readonly List<PdfPage> pages = [];
    private XGraphics? graphics;

    public PdfStyle Style { get; } = style;

    public IReadOnlyList<PdfPage> Pages => pages;

    public XGraphics Graphics => graphics ?? throw new InvalidOperationException("No page has been started.");

    /// <summary>Where the next block starts, in points from the top of the page.</summary>
    public double Y { get; set; }

    /// <summary>The heading repeated, with "(continued)", at the top of a page a block spills onto.</summary>
    public string? RunningHeading { get; set; }

    public static double Left => Margin;

    public double Right => PageWidth - Margin;

    public double Width => Right - Left;

    public double PageWidth => pages.Count == 0 ? XUnit.FromMillimeter(210).Point : pages[^1].Width.Point;

    public double PageHeight => pages.Count == 0 ? XUnit.FromMillimeter(297).Point : pages[^1].Height.Point;

    public double Limit => PageHeight - BottomMargin;

    public bool Fits(double height) => Y + height <= Limit;

    public void NewPage()
    {
        graphics?.Dispose();
        var page = document.AddPage();
        page.Size = PageSize.A4;
        page.Orientation = PageOrientation.Portrait;
        pages.Add(page);
        graphics = XGraphics.FromPdfPage(page);
        Y = TopMargin;
    }

    /// <summary>Starts a new page for the rest of a block, headed by the running heading.</summary>
    public void Continue()
    {
        NewPage();
        if (RunningHeading is { } heading)
        {
            Text(Ellipsize(heading + " (continued)", Style.SubHeading, Width), Style.SubHeading, Style.Muted, Left, Y);
            Y += 22;
        }
    }

    /// <summary>Makes room for a block of a known height, on a new page when it does not fit on this one.</summary>
    public void Reserve(double height)
    {
        if (!Fits(height))
        {
            Continue();
        }
    }

    public void Text(string text, XFont font, XBrush brush, double x, double y) => Graphics.DrawString(text, font, brush, x, y, XStringFormats.TopLeft);

    public void TextRight(string text, XFont font, XBrush brush, double right, double y) =>
        Graphics.DrawString(text, font, brush, right - Measure(text, font), y, XStringFormats.TopLeft);

    public double Measure(string text, XFont font) => text.Length == 0 ? 0 : Graphics.MeasureString(text, font).Width;

    /// <summary>Draws wrapped text at the cursor and moves the cursor below it.</summary>
    public void Paragraph(string text, XFont font, XBrush brush, double lineHeight, double? width = null, double x = Margin)
    {
        foreach (var line in Wrap(text, font, width ?? Width))
        {
            Text(line, font, brush, x, Y);
            Y += lineHeight;
        }
    }

    public double ParagraphHeight(string text, XFont font, double lineHeight, double? width = null) => Wrap(text, font, width ?? Width).Count * lineHeight;

    /// <summary>Splits text into lines no wider than <paramref name="width"/>, at spaces; a word wider than a line is cut short.</summary>
    public IReadOnlyList<string> Wrap(string text, XFont font, double width, int maxLines = int.MaxValue)
    {
        var lines = new List<string>();
        var line = string.Empty;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && Measure(candidate, font) > width)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = candidate;
            }
        }

        lines.Add(line);
        if (lines.Count > maxLines)
        {
            lines = [.. lines.Take(maxLines - 1), string.Join(' ', lines.Skip(maxLines - 1))];
        }

        return [.. lines.Select(l => Ellipsize(l, font, width))];
    }

    /// <summary>The text, or as much of it as fits followed by "…".</summary>
    public string Ellipsize(string text, XFont font, double width)
    {
        if (Measure(text, font) <= width)
        {
            return text;
        }

        // The longest prefix that fits with the ellipsis, by bisection: tables can hold hundreds of long cells.
        int low = 0, high = text.Length;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (Measure(string.Concat(text.AsSpan(0, mid).TrimEnd(), "…"), font) <= width)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return low == 0 ? string.Empty : string.Concat(text.AsSpan(0, low).TrimEnd(), "…");
    }

    /// <summary>Draws on a page already laid out (the footers, the cover's contents) once every page exists.</summary>
    public void Revisit(int index, Action draw)
    {
        ArgumentNullException.ThrowIfNull(draw);
        graphics?.Dispose();
        graphics = XGraphics.FromPdfPage(pages[index], XGraphicsPdfPageOptions.Append);
        try
        {
            draw();
        }
        finally
        {
            graphics.Dispose();
            graphics = null;
        }
    }

    public void Dispose() => graphics?.Dispose();
}
