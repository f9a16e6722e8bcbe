using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Models;

public sealed class ModelVersion
{
    public int Id { get; set; }
    public int ModelId { get; set; }
    public Model? Model { get; set; }

    /// <summary>1, 2, 3… per model, assigned by the portal.</summary>
    public int Number { get; set; }

    public string Framework { get; set; } = string.Empty;
    public string ArtifactUri { get; set; } = string.Empty;
    public string ArtifactSha256 { get; set; } = string.Empty;
    public string SourceRepository { get; set; } = string.Empty;
    public string SourceCommit { get; set; } = string.Empty;
    public string? PipelineRunUrl { get; set; }
    public Dictionary<string, string> Hyperparameters { get; set; } = [];
    public Dictionary<string, double> TrainingMetrics { get; set; } = [];
    public ModelCard Card { get; set; } = new();

    public required string CreatedBy { get; set; }

    /// <summary>
    /// The registrant's stable id (<see cref="AuditActor.Id"/>), which maker-checker compares;
    /// <see cref="CreatedBy"/> is only the display name. Null for a version registered before the column existed
    /// whose registration event could not be found.
    /// </summary>
    public string? CreatedById { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public List<LineageLink> Datasets { get; set; } = [];
    public List<CiEvidence> CiEvidence { get; set; } = [];
}

internal sealed class ModelVersionConfiguration : IEntityTypeConfiguration<ModelVersion>
{
    public void Configure(EntityTypeBuilder<ModelVersion> builder)
    {
        builder.ToTable("ModelVersions");
        builder.HasIndex(v => new { v.ModelId, v.Number }).IsUnique();
        builder.Property(v => v.Framework).HasMaxLength(100);
        builder.Property(v => v.ArtifactUri).HasMaxLength(2000);
        builder.Property(v => v.ArtifactSha256).HasMaxLength(64);
        builder.Property(v => v.SourceRepository).HasMaxLength(2000);
        builder.Property(v => v.SourceCommit).HasMaxLength(64);
        builder.Property(v => v.PipelineRunUrl).HasMaxLength(2000);
        builder.Property(v => v.CreatedBy).HasMaxLength(256);
        builder.Property(v => v.CreatedById).HasMaxLength(AuditEvent.MaxActorIdLength);
        builder.Property(v => v.Hyperparameters).HasConversion(JsonColumn.Converter<Dictionary<string, string>>(), JsonColumn.Comparer<Dictionary<string, string>>());
        builder.Property(v => v.TrainingMetrics).HasConversion(JsonColumn.Converter<Dictionary<string, double>>(), JsonColumn.Comparer<Dictionary<string, double>>());
        builder.OwnsOne(v => v.Card, card =>
        {
            foreach (var section in Enum.GetValues<CardSection>())
            {
                card.Property(section.ToString()).HasColumnName("Card" + section).HasMaxLength(8000);
            }
        });
        builder.Navigation(v => v.Card).IsRequired();
        builder.HasMany(v => v.Datasets).WithOne(l => l.ModelVersion).HasForeignKey(l => l.ModelVersionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(v => v.CiEvidence).WithOne().HasForeignKey(e => e.ModelVersionId).OnDelete(DeleteBehavior.Cascade);
    }
}
