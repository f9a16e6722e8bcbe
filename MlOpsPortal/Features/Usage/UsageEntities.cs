using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MlOpsPortal.Features.Usage;

/// <summary>
/// One counter for one UTC day: page views of a feature, API calls of a key or scope, or requests in one latency
/// bucket. Flushed from memory by <see cref="UsageFlusher"/>, so there is one row per (day, kind, subject).
/// </summary>
public sealed class UsageRollup
{
    public long Id { get; set; }
    public DateOnly Day { get; set; }
    public required string Kind { get; set; }
    public required string Subject { get; set; }
    public long Count { get; set; }
}

/// <summary>A person active on a UTC day, with the roles and business unit they had when first seen that day.</summary>
public sealed class UsageActivePerson
{
    public long Id { get; set; }
    public DateOnly Day { get; set; }
    public required string PersonId { get; set; }
    public required string Roles { get; set; }
    public required string BusinessUnit { get; set; }
}

internal sealed class UsageConfiguration : IEntityTypeConfiguration<UsageRollup>, IEntityTypeConfiguration<UsageActivePerson>
{
    public void Configure(EntityTypeBuilder<UsageRollup> builder)
    {
        builder.ToTable("UsageRollups");
        builder.Property(r => r.Kind).HasMaxLength(32);
        builder.Property(r => r.Subject).HasMaxLength(200);
        builder.HasIndex(r => new { r.Day, r.Kind, r.Subject }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<UsageActivePerson> builder)
    {
        builder.ToTable("UsageActivePeople");
        builder.Property(p => p.PersonId).HasMaxLength(128);
        builder.Property(p => p.Roles).HasMaxLength(400);
        builder.Property(p => p.BusinessUnit).HasMaxLength(100);
        builder.HasIndex(p => new { p.Day, p.PersonId }).IsUnique();
    }
}
