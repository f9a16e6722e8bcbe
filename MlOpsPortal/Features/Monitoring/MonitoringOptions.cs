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

    /// <summary>
    /// How often an instance with open dashboards asks the database for points other instances wrote (DESIGN §12):
    /// the longest such a point waits before it is drawn, beyond one indexed range read.
    /// </summary>
    [Range(50, 60_000)]
    public int FeedPollIntervalMilliseconds { get; set; } = 1000;
}
