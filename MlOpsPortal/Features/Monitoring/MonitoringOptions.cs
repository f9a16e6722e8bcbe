using System.ComponentModel.DataAnnotations;
using MlOpsPortal.Infrastructure.Architecture;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>The <c>Monitoring</c> settings that belong to no sub-section.</summary>
[FeatureContract]
public sealed class MonitoringOptions
{
    public const string SectionName = "Monitoring";

    /// <summary>The environment the portal's own CPU, memory and request series are recorded and charted in.</summary>
    [Required]
    public string PortalEnvironment { get; set; } = "production";
}
