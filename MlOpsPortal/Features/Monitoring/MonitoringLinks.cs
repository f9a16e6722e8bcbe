using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Architecture;

namespace MlOpsPortal.Features.Monitoring;

[FeatureContract]
public static class MonitoringLinks
{
    public const string DataPipelines = "/monitoring/data";
    public const string System = "/system";

    public static string Dashboard(string model, string? environment = null) =>
        $"{RegistryLinks.Model(model)}/monitoring" + (environment is null ? string.Empty : $"?env={Uri.EscapeDataString(environment)}");
}
