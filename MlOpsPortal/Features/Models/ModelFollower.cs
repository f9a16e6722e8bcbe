using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MlOpsPortal.Features.Models;

/// <summary>A person who follows a model (the star): they get its notices and see its health on their home page.</summary>
public sealed class ModelFollower
{
    public long Id { get; set; }
    public int ModelId { get; set; }
    public Model? Model { get; set; }

    /// <summary>The person's object id, as notices address them.</summary>
    public required string PersonId { get; set; }

    public required string PersonName { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}

internal sealed class ModelFollowerConfiguration : IEntityTypeConfiguration<ModelFollower>
{
    public void Configure(EntityTypeBuilder<ModelFollower> builder)
    {
        builder.ToTable("ModelFollowers");
        builder.Property(f => f.PersonId).HasMaxLength(128);
        builder.Property(f => f.PersonName).HasMaxLength(200);
        builder.HasIndex(f => new { f.ModelId, f.PersonId }).IsUnique();
        builder.HasIndex(f => f.PersonId);
        builder.HasOne(f => f.Model).WithMany().HasForeignKey(f => f.ModelId).OnDelete(DeleteBehavior.Cascade);
    }
}
