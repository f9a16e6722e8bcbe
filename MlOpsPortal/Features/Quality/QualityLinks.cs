using MudBlazor;

namespace MlOpsPortal.Features.Quality;

/// <summary>Addresses and colours the quality pages share.</summary>
public static class QualityLinks
{
    public const string Reports = "/quality/reports";

    public static string Report(int id) => $"{Reports}/{id}";

    public static string ReportsOf(string modelKey) => $"{Reports}?model={Uri.EscapeDataString(modelKey)}";

    public static string Download(int id, string format) => $"/api/v1/quality-reports/{id}/download?format={format}";

    public static Color StatusColor(QualityStatus status) => status switch
    {
        QualityStatus.Pass => Color.Success,
        QualityStatus.Warn => Color.Warning,
        _ => Color.Error,
    };

    public static string StatusIcon(QualityStatus status) => status switch
    {
        QualityStatus.Pass => Icons.Material.Filled.CheckCircle,
        QualityStatus.Warn => Icons.Material.Filled.Warning,
        _ => Icons.Material.Filled.Cancel,
    };
}
