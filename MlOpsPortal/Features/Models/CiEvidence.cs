using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MlOpsPortal.Features.Models;

/// <summary>What a CI pipeline reported about the code of a model version.</summary>
public sealed class CiEvidence
{
    public int Id { get; set; }
    public int ModelVersionId { get; set; }
    public int TestsPassed { get; set; }
    public int TestsFailed { get; set; }
    public double CoveragePercent { get; set; }
    public int LintWarnings { get; set; }
    public int VulnerabilitiesCritical { get; set; }
    public int VulnerabilitiesHigh { get; set; }
    public int VulnerabilitiesMedium { get; set; }
    public int VulnerabilitiesLow { get; set; }
    public string? PipelineRunUrl { get; set; }
    public required string RecordedBy { get; set; }
    public DateTime RecordedAtUtc { get; set; }
}

internal sealed class CiEvidenceConfiguration : IEntityTypeConfiguration<CiEvidence>
{
    public void Configure(EntityTypeBuilder<CiEvidence> builder)
    {
        builder.ToTable("CiEvidence");
        builder.Property(e => e.PipelineRunUrl).HasMaxLength(2000);
        builder.Property(e => e.RecordedBy).HasMaxLength(256);
        builder.HasIndex(e => new { e.ModelVersionId, e.RecordedAtUtc });
    }
}
