namespace MlOpsPortal.Features.Monitoring;

/// <summary>The <c>Monitoring:Simulator</c> settings: demo metric streams, honoured in Development only.</summary>
public sealed class MetricsSimulatorOptions
{
    public const string SectionName = "Monitoring:Simulator";

    /// <summary>Runs <see cref="MetricsSimulator"/> (Development only, whatever the setting says elsewhere).</summary>
    public bool Enabled { get; set; }
}
