using MlOpsPortal.Features.Monitoring;
using MudBlazor;

namespace MlOpsPortal.Features.Health;

/// <summary>How a health status looks wherever a score is shown, so every page speaks the same colours and words.</summary>
[MlOpsPortal.Infrastructure.Architecture.FeatureContract]
public static class HealthDisplay
{
    public static Color Color(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => MudBlazor.Color.Success,
        HealthStatus.Warning => MudBlazor.Color.Warning,
        HealthStatus.Critical => MudBlazor.Color.Error,
        _ => MudBlazor.Color.Default,
    };

    public static string Text(HealthStatus status) => status == HealthStatus.NoData ? "No data" : status.ToString();

    public static string Name(HealthComponent component) => component == HealthComponent.DataQuality ? "Data quality" : component.ToString();
}
