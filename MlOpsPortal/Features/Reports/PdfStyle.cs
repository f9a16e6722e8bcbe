using PdfSharp.Drawing;

namespace MlOpsPortal.Features.Reports;

/// <summary>
/// The type sizes and colours of report PDFs. One instance per rendering: PDFsharp's pens and brushes are mutable
/// objects, so concurrent reports do not share them.
/// </summary>
internal sealed class PdfStyle
{
    // Distinguishable in colour and in greyscale print; the portal's charts use the same order.
    private static readonly XColor[] SeriesColors =
    [
        XColor.FromArgb(0x1E, 0x5A, 0xA8), XColor.FromArgb(0xE0, 0x7B, 0x00), XColor.FromArgb(0x2E, 0x9D, 0x5B), XColor.FromArgb(0xC2, 0x3B, 0x3B),
        XColor.FromArgb(0x7B, 0x4F, 0xB5), XColor.FromArgb(0x00, 0x96, 0xA6), XColor.FromArgb(0xB5, 0x87, 0x2A), XColor.FromArgb(0x5F, 0x6B, 0x7A),
    ];

    public PdfStyle()
    {
        ReportFonts.EnsureInstalled();
        Title = Font(24, bold: true);
        Heading = Font(17, bold: true);
        SubHeading = Font(11, bold: true);
        Lead = Font(13);
        Headline = Font(15);
        Body = Font(9);
        BodyBold = Font(9, bold: true);
        Small = Font(7.5);
        SmallBold = Font(7.5, bold: true);
        Note = new XFont(ReportFonts.Family, 9, XFontStyleEx.Italic);
        FigureValue = Font(16, bold: true);
        Series = [.. SeriesColors.Select(c => new XSolidBrush(c))];
        SeriesPens = [.. SeriesColors.Select(c => new XPen(c, 1.6))];
    }

    public XFont Title { get; }

    public XFont Heading { get; }

    public XFont SubHeading { get; }

    public XFont Lead { get; }

    public XFont Headline { get; }

    public XFont Body { get; }

    public XFont BodyBold { get; }

    public XFont Small { get; }

    public XFont SmallBold { get; }

    public XFont Note { get; }

    public XFont FigureValue { get; }

    public XBrush Ink { get; } = new XSolidBrush(XColor.FromArgb(0x1F, 0x29, 0x33));

    public XBrush Muted { get; } = new XSolidBrush(XColor.FromArgb(0x5B, 0x67, 0x75));

    public XBrush Accent { get; } = new XSolidBrush(XColor.FromArgb(0x1E, 0x5A, 0xA8));

    public XBrush OnAccent { get; } = new XSolidBrush(XColors.White);

    public XBrush HeaderFill { get; } = new XSolidBrush(XColor.FromArgb(0xE3, 0xEA, 0xF4));

    public XBrush StripeFill { get; } = new XSolidBrush(XColor.FromArgb(0xF4, 0xF6, 0xF9));

    public XBrush PanelFill { get; } = new XSolidBrush(XColor.FromArgb(0xF1, 0xF5, 0xFB));

    public XPen Rule { get; } = new(XColor.FromArgb(0xC8, 0xD0, 0xDA), 0.6);

    public XPen Grid { get; } = new(XColor.FromArgb(0xE1, 0xE5, 0xEB), 0.5);

    public XPen Axis { get; } = new(XColor.FromArgb(0x5B, 0x67, 0x75), 0.8);

    public XPen AccentBar { get; } = new(XColor.FromArgb(0x1E, 0x5A, 0xA8), 3);

    public IReadOnlyList<XBrush> Series { get; }

    public IReadOnlyList<XPen> SeriesPens { get; }

    public XBrush SeriesBrush(int index) => Series[index % Series.Count];

    public XPen SeriesPen(int index) => SeriesPens[index % SeriesPens.Count];

    private static XFont Font(double size, bool bold = false) => new(ReportFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
}
