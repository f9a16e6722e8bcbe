using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MlOpsPortal.Features.Models;

/// <summary>A model version was trained, validated or tested on a dataset version.</summary>
public sealed class LineageLink
{
    public int Id { get; set; }
    public int ModelVersionId { get; set; }
    public ModelVersion? ModelVersion { get; set; }
    public int DatasetVersionId { get; set; }
    public DatasetVersion? DatasetVersion { get; set; }
    public DatasetRole Role { get; set; }
}

internal sealed class LineageLinkConfiguration : IEntityTypeConfiguration<LineageLink>
{
    public void Configure(EntityTypeBuilder<LineageLink> builder)
    {
        builder.ToTable("LineageLinks");
        builder.Property(l => l.Role).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(l => new { l.ModelVersionId, l.DatasetVersionId, l.Role }).IsUnique();
        builder.HasIndex(l => l.DatasetVersionId);
    }
}
