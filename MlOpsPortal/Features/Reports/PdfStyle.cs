using PdfSharp.Drawing;

namespace MlOpsPortal.Features.Reports;

/// <summary>
/// The type sizes and colours of report PDFs. One instance per rendering: PDFsharp's pens and brushes are mutable
/// objects, so concurrent reports do not share them.
/// </summary>
internal sealed class PdfStyle
{
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

    private readonly Dictionary<string, XSolidBrush> seriesBrushes = [];
    private readonly Dictionary<string, XPen> seriesPens = [];

    /// <summary>The fill of a series, in the colour the screen gives it too (<see cref="ReportSeriesColors"/>).</summary>
    public XBrush SeriesBrush(string seriesName, int index)
    {
        var hex = ReportSeriesColors.For(seriesName, index);
        return seriesBrushes.TryGetValue(hex, out var brush) ? brush : seriesBrushes[hex] = new XSolidBrush(Color(hex));
    }

    public XPen SeriesPen(string seriesName, int index)
    {
        var hex = ReportSeriesColors.For(seriesName, index);
        return seriesPens.TryGetValue(hex, out var pen) ? pen : seriesPens[hex] = new XPen(Color(hex), 1.6);
    }

    private static XColor Color(string hex)
    {
        var (red, green, blue) = ReportSeriesColors.Rgb(hex);
        return XColor.FromArgb(red, green, blue);
    }

    private static XFont Font(double size, bool bold = false) => new(ReportFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
}
