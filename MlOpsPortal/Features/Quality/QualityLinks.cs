using MlOpsPortal.Infrastructure.Architecture;
using MudBlazor;

namespace MlOpsPortal.Features.Quality;

/// <summary>Addresses and colours the quality pages share.</summary>
[FeatureContract]
public static class QualityLinks
{
    public const string Reports = "/quality/reports";

    public static string Report(int id) => $"{Reports}/{id}";

    /// <summary>One check's section of a report page.</summary>
    public static string ReportCheck(int id, string kind) => $"{Report(id)}#{kind}";

    public static string ReportsOf(string modelKey) => $"{Reports}?model={Uri.EscapeDataString(modelKey)}";

    public static string Download(int id, string format) => $"/api/v1/quality-reports/{id}/download?format={format}";

    /// <summary>Where the API says an uploaded sample is.</summary>
    public static string Sample(string modelKey, int id) => $"/api/v1/models/{Uri.EscapeDataString(modelKey)}/samples/{id}";

    /// <summary>Where the API says a requested run can be followed.</summary>
    public static string Run(int id) => $"/api/v1/check-runs/{id}";

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
