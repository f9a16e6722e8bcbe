using System.ComponentModel.DataAnnotations;

namespace MlOpsPortal.Features.Monitoring;

public sealed class MetricsIngestionOptions
{
    public const string SectionName = "Monitoring:Ingestion";

    [Range(1, 100_000)]
    public int MaxPointsPerBatch { get; set; } = 10_000;

    [Range(1, 3650)]
    public int MaxAgeDays { get; set; } = 30;

    [Range(0, 1440)]
    public int MaxFutureMinutes { get; set; } = 5;

    [Range(1, 1_000_000)]
    public int RequestsPerMinutePerClient { get; set; } = 6_000;

    [Range(1024, 100 * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>At most this many points go into one group commit; more wait for the next.</summary>
    [Range(1, 1_000_000)]
    public int GroupCommitMaxPoints { get; set; } = 50_000;
}
