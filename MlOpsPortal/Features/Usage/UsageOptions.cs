using System.ComponentModel.DataAnnotations;

namespace MlOpsPortal.Features.Usage;

public sealed class UsageOptions
{
    public const string SectionName = "Usage";

    /// <summary>How often each instance writes its in-memory counts to the daily rollups.</summary>
    [Range(1, 3600)]
    public int FlushSeconds { get; set; } = 60;
}
