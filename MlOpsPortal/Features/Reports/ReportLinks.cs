using System.Globalization;
using MlOpsPortal.Infrastructure.Architecture;

namespace MlOpsPortal.Features.Reports;

[FeatureContract]
public static class ReportLinks
{
    public const string Archive = "/reports";
    public const string Subscriptions = "/reports/subscriptions";

    public static string Report(int id) => "/reports/" + id.ToString(CultureInfo.InvariantCulture);

    public static string Download(int id, string format) => $"/api/v1/reports/{id.ToString(CultureInfo.InvariantCulture)}/download?format={format}";

    public static string Api(int id) => "/api/v1/reports/" + id.ToString(CultureInfo.InvariantCulture);
}
