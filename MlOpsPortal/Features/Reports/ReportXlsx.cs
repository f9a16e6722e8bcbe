namespace MlOpsPortal.Features.Reports;

/// <summary>Renders a report as XLSX (MiniExcel): one sheet per section, typed cells.</summary>
public static class ReportXlsx
{
    public static byte[] Render(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        throw new NotImplementedException("XLSX rendering is being written.");
    }
}
