using System.ComponentModel.DataAnnotations;

namespace MlOpsPortal.Features.Quality;

public sealed class QualityRetentionOptions
{
    public const string SectionName = "Quality:Retention";

    /// <summary>Pass and Warn reports older than this are deleted; every Fail is kept for good.</summary>
    [Range(1, 36_500)]
    public int KeepPassingReportsDays { get; set; } = 180;
}
