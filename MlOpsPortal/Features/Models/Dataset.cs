using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Models;

public sealed class Dataset
{
    public int Id { get; set; }
    public required string Key { get; set; }
    public string Description { get; set; } = string.Empty;
    public required string Owner { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public List<DatasetVersion> Versions { get; set; } = [];
}

public sealed record DatasetColumn(string Name, string Type);

public sealed class DatasetVersion
{
    public int Id { get; set; }
    public int DatasetId { get; set; }
    public Dataset? Dataset { get; set; }

    /// <summary>The label the producer gave (e.g. "2026-11-01" or "v3"), unique per dataset.</summary>
    public required string Label { get; set; }

    public string Location { get; set; } = string.Empty;
    public string Sha256 { get; set; } = string.Empty;
    public long RowCount { get; set; }
    public List<DatasetColumn> Schema { get; set; } = [];
    public required string CreatedBy { get; set; }
    public DateTime CreatedAtUtc { get; set; }

    /// <summary>The dataset version this one was derived from (upstream lineage), if the producer said.</summary>
    public int? DerivedFromId { get; set; }

    public DatasetVersion? DerivedFrom { get; set; }
    public List<LineageLink> UsedBy { get; set; } = [];
}

internal sealed class DatasetConfiguration : IEntityTypeConfiguration<Dataset>
{
    public void Configure(EntityTypeBuilder<Dataset> builder)
    {
        builder.ToTable("Datasets");
        builder.HasIndex(d => d.Key).IsUnique();
        builder.Property(d => d.Key).HasMaxLength(Model.KeyMaxLength);
        builder.Property(d => d.Description).HasMaxLength(4000);
        builder.Property(d => d.Owner).HasMaxLength(200);
        builder.Property(d => d.CreatedBy).HasMaxLength(256);
        builder.HasMany(d => d.Versions).WithOne(v => v.Dataset).HasForeignKey(v => v.DatasetId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DatasetVersionConfiguration : IEntityTypeConfiguration<DatasetVersion>
{
    public void Configure(EntityTypeBuilder<DatasetVersion> builder)
    {
        builder.ToTable("DatasetVersions");
        builder.HasIndex(v => new { v.DatasetId, v.Label }).IsUnique();
        builder.Property(v => v.Label).HasMaxLength(100);
        builder.Property(v => v.Location).HasMaxLength(2000);
        builder.Property(v => v.Sha256).HasMaxLength(64);
        builder.Property(v => v.CreatedBy).HasMaxLength(256);
        builder.Property(v => v.Schema).HasConversion(JsonColumn.Converter<List<DatasetColumn>>(), JsonColumn.Comparer<List<DatasetColumn>>());
        builder.HasOne(v => v.DerivedFrom).WithMany().HasForeignKey(v => v.DerivedFromId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(v => v.UsedBy).WithOne(l => l.DatasetVersion).HasForeignKey(l => l.DatasetVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}
