using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MlOpsPortal.Infrastructure.Auth;

/// <summary>
/// A role the portal gave a person (an approved access request), until its end date or until revoked. With portal
/// provisioning the portal adds it to the person's roles itself; with Microsoft Graph it is also an Entra app role
/// assignment (<see cref="ExternalAssignmentId"/>), and the portal still adds it so it works before the next sign-in.
/// </summary>
public sealed class RoleGrant
{
    public int Id { get; set; }
    public required string PersonId { get; set; }
    public required string PersonName { get; set; }
    public required string Role { get; set; }

    /// <summary>Where the grant was applied: "Portal" or "Graph" (see <c>Access:Provisioning</c>).</summary>
    public required string Provisioning { get; set; }

    /// <summary>The Entra appRoleAssignment id when Graph applied it.</summary>
    public string? ExternalAssignmentId { get; set; }

    public int? RequestId { get; set; }
    public required string GrantedById { get; set; }
    public required string GrantedByName { get; set; }
    public DateTime GrantedAtUtc { get; set; }

    /// <summary>When the grant runs out; null for "until revoked".</summary>
    public DateTime? EndsAtUtc { get; set; }

    /// <summary>When it was revoked, removed by a review or recorded as expired; null while it lasts.</summary>
    public DateTime? EndedAtUtc { get; set; }
    public string? EndedById { get; set; }
    public string? EndedByName { get; set; }
    public string? EndReason { get; set; }

    public bool IsActiveAt(DateTime nowUtc) => EndedAtUtc is null && (EndsAtUtc is null || EndsAtUtc > nowUtc);
}

/// <summary>
/// "This person no longer holds this role, whatever their sign-in token says": written when a role is revoked,
/// expires or is removed by an access review, so a cookie or an open circuit that still carries the role is refused on
/// the next action. It stands until the portal grants the role again (<see cref="ClearedAtUtc"/>); an Entra assignment
/// made outside the portal afterwards is drift, and stays refused until granted through a request.
/// </summary>
public sealed class RoleRemoval
{
    public int Id { get; set; }
    public required string PersonId { get; set; }
    public required string Role { get; set; }
    public DateTime RemovedAtUtc { get; set; }
    public required string RemovedById { get; set; }
    public required string RemovedByName { get; set; }
    public required string Reason { get; set; }
    public DateTime? ClearedAtUtc { get; set; }
}

internal sealed class RoleGrantConfiguration : IEntityTypeConfiguration<RoleGrant>
{
    public void Configure(EntityTypeBuilder<RoleGrant> builder)
    {
        builder.ToTable("RoleGrants");
        builder.Property(g => g.PersonId).HasMaxLength(200);
        builder.Property(g => g.PersonName).HasMaxLength(256);
        builder.Property(g => g.Role).HasMaxLength(64);
        builder.Property(g => g.Provisioning).HasMaxLength(16);
        builder.Property(g => g.ExternalAssignmentId).HasMaxLength(128);
        builder.Property(g => g.GrantedById).HasMaxLength(200);
        builder.Property(g => g.GrantedByName).HasMaxLength(256);
        builder.Property(g => g.EndedById).HasMaxLength(200);
        builder.Property(g => g.EndedByName).HasMaxLength(256);
        builder.Property(g => g.EndReason).HasMaxLength(1000);
        builder.HasIndex(g => new { g.PersonId, g.EndedAtUtc });
        builder.HasIndex(g => new { g.EndedAtUtc, g.EndsAtUtc });
    }
}

internal sealed class RoleRemovalConfiguration : IEntityTypeConfiguration<RoleRemoval>
{
    public void Configure(EntityTypeBuilder<RoleRemoval> builder)
    {
        builder.ToTable("RoleRemovals");
        builder.Property(r => r.PersonId).HasMaxLength(200);
        builder.Property(r => r.Role).HasMaxLength(64);
        builder.Property(r => r.RemovedById).HasMaxLength(200);
        builder.Property(r => r.RemovedByName).HasMaxLength(256);
        builder.Property(r => r.Reason).HasMaxLength(1000);
        builder.HasIndex(r => new { r.PersonId, r.ClearedAtUtc });
    }
}
