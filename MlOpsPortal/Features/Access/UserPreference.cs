using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MlOpsPortal.Features.Access;

/// <summary>What a person chose for their own portal (theme), keyed by their Entra object id.</summary>
public sealed class UserPreference
{
    public required string UserId { get; set; }
    public bool DarkMode { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

internal sealed class UserPreferenceConfiguration : IEntityTypeConfiguration<UserPreference>
{
    public void Configure(EntityTypeBuilder<UserPreference> builder)
    {
        builder.ToTable("UserPreferences");
        builder.HasKey(p => p.UserId);
        builder.Property(p => p.UserId).HasMaxLength(128);
    }
}
