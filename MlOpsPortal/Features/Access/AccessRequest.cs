using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlOpsPortal.Infrastructure.Architecture;

namespace MlOpsPortal.Features.Access;

[FeatureContract]
public enum AccessRequestState
{
    Pending,
    Approved,
    Rejected,
    Withdrawn,
    Expired,
}

/// <summary>
/// A person asking for a role: why, and for how long. Support engineers or administrators decide it (administrators
/// alone for the privileged roles); nobody decides their own, which the database refuses too. Undecided requests
/// expire after <see cref="AccessRequests.ExpiresAfter"/>.
/// </summary>
public sealed class AccessRequest
{
    public int Id { get; set; }
    public required string RequesterId { get; set; }
    public required string RequesterName { get; set; }
    public string? RequesterPrincipalName { get; set; }
    public required string Role { get; set; }
    public required string Justification { get; set; }

    /// <summary>30, 90 or 180 days; null for "until revoked" (non-privileged roles only).</summary>
    public int? DurationDays { get; set; }

    public AccessRequestState State { get; set; }
    public DateTime RequestedAtUtc { get; set; }
    public DateTime ExpiresAtUtc { get; set; }
    public string? DecidedById { get; set; }
    public string? DecidedByName { get; set; }
    public DateTime? DecidedAtUtc { get; set; }
    public string? DecisionComment { get; set; }
    public int? GrantId { get; set; }

    /// <summary>Every change is conditional on the revision the decider saw.</summary>
    public int Revision { get; set; }
}

internal sealed class AccessRequestConfiguration : IEntityTypeConfiguration<AccessRequest>
{
    public void Configure(EntityTypeBuilder<AccessRequest> builder)
    {
        builder.ToTable("AccessRequests", table => table.HasCheckConstraint(
            "CK_AccessRequests_NotDecidedByRequester", "DecidedById IS NULL OR DecidedById <> RequesterId"));
        builder.Property(r => r.RequesterId).HasMaxLength(200);
        builder.Property(r => r.RequesterName).HasMaxLength(256);
        builder.Property(r => r.RequesterPrincipalName).HasMaxLength(256);
        builder.Property(r => r.Role).HasMaxLength(64);
        builder.Property(r => r.Justification).HasMaxLength(2000);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.DecidedById).HasMaxLength(200);
        builder.Property(r => r.DecidedByName).HasMaxLength(256);
        builder.Property(r => r.DecisionComment).HasMaxLength(2000);
        builder.Property(r => r.Revision).IsConcurrencyToken();
        // One open request per person and role.
        builder.HasIndex(r => new { r.RequesterId, r.Role }).IsUnique().HasFilter("State = 'Pending'");
        builder.HasIndex(r => new { r.State, r.RequestedAtUtc });
    }
}
