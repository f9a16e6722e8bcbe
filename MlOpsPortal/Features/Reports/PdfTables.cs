using PdfSharp.Drawing;

namespace MlOpsPortal.Features.Reports;

/// <summary>
/// Report tables on PDF pages: a header row, alternating row shading, numbers right-aligned, text cut short with "…"
/// to fit its column; a table longer than the page continues on the next with "(continued)" and the header repeated.
/// </summary>
internal static class PdfTables
{
    private const double TitleHeight = 18;
    private const double RowHeight = 15;
    private const double Padding = 4;
    private const double MinColumnWidth = 36;

    // Column widths follow the content; measuring a sample keeps very long tables fast to lay out.
    private const int MeasuredRows = 200;

    public static void Draw(PdfPages pages, ReportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var style = pages.Style;
        pages.Reserve(TitleHeight + RowHeight * 2);
        Title(pages, table.Title);
        if (table.Rows.Count == 0 || table.Columns.Count == 0)
        {
            var empty = string.IsNullOrWhiteSpace(table.EmptyText) ? "None in this period." : table.EmptyText;
            pages.Paragraph(empty, style.Note, style.Muted, 13);
            pages.Y += 12;
            return;
        }

        var widths = ColumnWidths(pages, table);
        Header(pages, table.Columns, widths);
        for (var r = 0; r < table.Rows.Count; r++)
        {
            if (!pages.Fits(RowHeight))
            {
                pages.Continue();
                Title(pages, table.Title + " (continued)");
                Header(pages, table.Columns, widths);
            }

            Row(pages, table.Columns, table.Rows[r], widths, shaded: r % 2 == 1);
        }

        pages.Graphics.DrawLine(style.Rule, PdfPages.Left, pages.Y, PdfPages.Left + widths.Sum(), pages.Y);
        pages.Y += 14;
    }

    private static void Title(PdfPages pages, string title)
    {
        pages.Text(pages.Ellipsize(title, pages.Style.SubHeading, pages.Width), pages.Style.SubHeading, pages.Style.Ink, PdfPages.Left, pages.Y);
        pages.Y += TitleHeight;
    }

    private static void Header(PdfPages pages, IReadOnlyList<ReportColumn> columns, IReadOnlyList<double> widths)
    {
        var style = pages.Style;
        pages.Graphics.DrawRectangle(style.HeaderFill, PdfPages.Left, pages.Y, widths.Sum(), RowHeight + 1);
        Cells(pages, columns, widths, c => columns[c].Name, style.SmallBold, style.Ink, pages.Y + 4);
        pages.Y += RowHeight + 1;
    }

    private static void Row(PdfPages pages, IReadOnlyList<ReportColumn> columns, IReadOnlyList<ReportCell> row, IReadOnlyList<double> widths, bool shaded)
    {
        if (shaded)
        {
            pages.Graphics.DrawRectangle(pages.Style.StripeFill, PdfPages.Left, pages.Y, widths.Sum(), RowHeight);
        }

        Cells(pages, columns, widths, c => CellText(row, c, columns[c].Type), pages.Style.Body, pages.Style.Ink, pages.Y + 3);
        pages.Y += RowHeight;
    }

    private static void Cells(PdfPages pages, IReadOnlyList<ReportColumn> columns, IReadOnlyList<double> widths, Func<int, string> text, XFont font, XBrush brush, double y)
    {
        var x = PdfPages.Left;
        for (var c = 0; c < columns.Count; c++)
        {
            var value = pages.Ellipsize(text(c), font, widths[c] - 2 * Padding);
            if (IsNumeric(columns[c].Type))
            {
                pages.TextRight(value, font, brush, x + widths[c] - Padding, y);
            }
            else
            {
                pages.Text(value, font, brush, x + Padding, y);
            }

            x += widths[c];
        }
    }

    private static string CellText(IReadOnlyList<ReportCell> row, int column, ReportColumnType type) =>
        column < row.Count ? row[column].Format(type) : string.Empty;

    private static bool IsNumeric(ReportColumnType type) => type is ReportColumnType.Count or ReportColumnType.Number or ReportColumnType.Percent;

    /// <summary>
    /// Each column as wide as its widest text when the table fits the page (spare room shared out); otherwise narrow
    /// columns keep their width and the wide ones share the rest in proportion, their text cut short.
    /// </summary>
    private static double[] ColumnWidths(PdfPages pages, ReportTable table)
    {
        var style = pages.Style;
        var natural = table.Columns.Select((column, c) => Math.Max(
            pages.Measure(column.Name, style.SmallBold),
            table.Rows.Take(MeasuredRows).Select(row => pages.Measure(CellText(row, c, column.Type), style.Body)).DefaultIfEmpty(0).Max()) + 2 * Padding + 1)
            .Select(w => Math.Max(w, MinColumnWidth)).ToArray();
        var available = pages.Width;
        var total = natural.Sum();
        if (total <= available)
        {
            return [.. natural.Select(w => w + (available - total) / natural.Length)];
        }

        var widths = (double[])natural.Clone();
        var wide = Enumerable.Range(0, natural.Length).ToHashSet();
        while (true)
        {
            var room = available - Enumerable.Range(0, natural.Length).Where(c => !wide.Contains(c)).Sum(c => natural[c]);
            var share = room / wide.Count;
            var fits = wide.Where(c => natural[c] <= share).ToList();
            if (fits.Count == 0 || fits.Count == wide.Count)
            {
                var wideTotal = wide.Sum(c => natural[c]);
                foreach (var c in wide)
                {
                    widths[c] = Math.Max(MinColumnWidth, room * natural[c] / wideTotal);
                }

                return widths;
            }

            wide.ExceptWith(fits);
        }
    }
}
