using System.ComponentModel.DataAnnotations;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>The <c>Monitoring</c> settings that belong to no sub-section.</summary>
public sealed class MonitoringOptions
{
    public const string SectionName = "Monitoring";

    /// <summary>The environment the portal's own CPU, memory and request series are recorded and charted in.</summary>
    [Required]
    public string PortalEnvironment { get; set; } = "production";
}
