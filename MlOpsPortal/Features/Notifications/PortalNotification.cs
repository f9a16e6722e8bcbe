using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MlOpsPortal.Features.Notifications;

/// <summary>An in-app notice for one person; the dedup key makes a job that runs twice notify once.</summary>
public sealed class PortalNotification
{
    public long Id { get; set; }
    public required string RecipientId { get; set; }
    public required string DedupKey { get; set; }
    public required string Title { get; set; }
    public required string Link { get; set; }
    public bool Critical { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? ReadAtUtc { get; set; }

    /// <summary>To be mailed: set when the notice was saved with SMTP configured, cleared by the one send that claims it.</summary>
    public bool EmailPending { get; set; }

    /// <summary>When the mail went out; null while pending and for notices never mailed.</summary>
    public DateTime? EmailedAtUtc { get; set; }
}

internal sealed class PortalNotificationConfiguration : IEntityTypeConfiguration<PortalNotification>
{
    public void Configure(EntityTypeBuilder<PortalNotification> builder)
    {
        builder.ToTable("Notifications");
        builder.Property(n => n.RecipientId).HasMaxLength(128);
        builder.Property(n => n.DedupKey).HasMaxLength(200);
        builder.Property(n => n.Title).HasMaxLength(500);
        builder.Property(n => n.Link).HasMaxLength(500);
        builder.HasIndex(n => n.DedupKey).IsUnique();
        builder.HasIndex(n => new { n.RecipientId, n.ReadAtUtc });
        builder.HasIndex(n => new { n.EmailPending, n.CreatedAtUtc });
    }
}
