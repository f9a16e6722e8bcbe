using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MlOpsPortal.Features.Models;

public sealed class Model
{
    public const int KeyMaxLength = 64;

    public int Id { get; set; }
    public required string Key { get; set; }
    public required string DisplayName { get; set; }
    public string Description { get; set; } = string.Empty;
    public required string Owner { get; set; }
    public required string BusinessUnit { get; set; }
    public string UseCase { get; set; } = string.Empty;
    public RiskTier RiskTier { get; set; }
    public List<string> Tags { get; set; } = [];

    /// <summary>The highest version number handed out; incremented atomically so racing pipelines get distinct numbers.</summary>
    public int LatestVersion { get; set; }

    public required string CreatedBy { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>Key, name, description, use case and owner in lower case: one column to scan keeps search fast at 10,000 models.</summary>
    public string SearchText { get; private set; } = string.Empty;

    public List<ModelVersion> Versions { get; set; } = [];

    public void RefreshSearchText() =>
        SearchText = string.Join('\n', Key, DisplayName, Description, UseCase, Owner).ToLowerInvariant();
}

internal sealed class ModelConfiguration : IEntityTypeConfiguration<Model>
{
    public void Configure(EntityTypeBuilder<Model> builder)
    {
        builder.ToTable("Models");
        builder.HasIndex(m => m.Key).IsUnique();
        builder.Property(m => m.Key).HasMaxLength(Model.KeyMaxLength);
        builder.Property(m => m.DisplayName).HasMaxLength(200);
        builder.Property(m => m.Description).HasMaxLength(4000);
        builder.Property(m => m.Owner).HasMaxLength(200);
        builder.Property(m => m.BusinessUnit).HasMaxLength(100);
        builder.Property(m => m.UseCase).HasMaxLength(1000);
        builder.Property(m => m.SearchText).HasMaxLength(6000);
        builder.Property(m => m.RiskTier).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.CreatedBy).HasMaxLength(256);
        builder.Property(m => m.UpdatedBy).HasMaxLength(256);
        // Portfolio filters combine business unit and risk tier; the pair also serves business unit alone.
        builder.HasIndex(m => new { m.BusinessUnit, m.RiskTier });
        builder.HasIndex(m => m.Owner);
        builder.HasIndex(m => m.RiskTier);
        builder.HasIndex(m => m.UpdatedAtUtc);
        builder.HasMany(m => m.Versions).WithOne(v => v.Model).HasForeignKey(v => v.ModelId).OnDelete(DeleteBehavior.Restrict);
    }
}
