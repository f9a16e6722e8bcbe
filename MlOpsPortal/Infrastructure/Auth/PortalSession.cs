using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MlOpsPortal.Infrastructure.Auth;

/// <summary>
/// One sign-in, held on the server. The cookie only names it, so signing out (or expiry) ends it for every copy
/// of the cookie, on every instance.
/// </summary>
public sealed class PortalSession
{
    public required string Id { get; set; }
    public required string UserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? EndedAt { get; set; }
}

internal sealed class PortalSessionConfiguration : IEntityTypeConfiguration<PortalSession>
{
    public void Configure(EntityTypeBuilder<PortalSession> builder)
    {
        builder.ToTable("PortalSessions");
        builder.Property(s => s.Id).HasMaxLength(64);
        builder.Property(s => s.UserId).HasMaxLength(200);
        builder.HasIndex(s => s.UserId);
    }
}
