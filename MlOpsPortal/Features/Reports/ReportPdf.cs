namespace MlOpsPortal.Features.Reports;

/// <summary>Renders a report as PDF (PDFsharp): a cover, one page per section, the definitions last.</summary>
public static class ReportPdf
{
    public static byte[] Render(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        throw new NotImplementedException("PDF rendering is being written.");
    }
}
