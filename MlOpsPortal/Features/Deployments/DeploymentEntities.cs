using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Infrastructure.Architecture;

namespace MlOpsPortal.Features.Deployments;

/// <summary>Pending → Approved | Rejected | Withdrawn; Approved → Deployed | Expired; Deployed → Superseded | RolledBack | ReapprovalRequired → Deployed.</summary>
[FeatureContract]
public enum DeploymentState
{
    Pending,
    Approved,
    Rejected,
    Withdrawn,
    Expired,
    Deployed,
    Superseded,
    RolledBack,
    ReapprovalRequired,
}

/// <summary>Whether a gate is evaluated, and if so whether a failure stops approval or only warns.</summary>
public enum GateMode
{
    Off,
    Advisory,
    Blocking,
}

public enum GateName
{
    Quality,
    Documentation,
    Naming,
    CiEvidence,
    Alerts,
}

/// <summary>What an environment demands before a version may be deployed there. Admins edit it.</summary>
public sealed class EnvironmentPolicy
{
    public int Id { get; set; }
    public int EnvironmentId { get; set; }

    public int ApprovalsLow { get; set; }
    public int ApprovalsMedium { get; set; }
    public int ApprovalsHigh { get; set; }
    public int ApprovalsCritical { get; set; }
    public int ValidityDays { get; set; }

    public GateMode QualityGate { get; set; }
    public int QualityMaxAgeDays { get; set; } = 30;
    public GateMode DocumentationGate { get; set; }
    public int DocumentationThreshold { get; set; } = 80;
    public GateMode NamingGate { get; set; }
    public GateMode CiGate { get; set; }
    public double CiMinCoveragePercent { get; set; } = 70;
    public int CiMaxFailedTests { get; set; }
    public int CiMaxCriticalVulnerabilities { get; set; }
    public int CiMaxHighVulnerabilities { get; set; }
    public GateMode AlertsGate { get; set; }

    public string UpdatedBy { get; set; } = "system";
    public DateTime UpdatedAtUtc { get; set; }

    public int ApprovalsFor(RiskTier tier) => tier switch
    {
        RiskTier.Low => ApprovalsLow,
        RiskTier.Medium => ApprovalsMedium,
        RiskTier.High => ApprovalsHigh,
        _ => ApprovalsCritical,
    };

    public GateMode ModeOf(GateName gate) => gate switch
    {
        GateName.Quality => QualityGate,
        GateName.Documentation => DocumentationGate,
        GateName.Naming => NamingGate,
        GateName.CiEvidence => CiGate,
        _ => AlertsGate,
    };
}

/// <summary>The admin's outbound webhook: one URL and the secret its HMAC signatures are made with.</summary>
public sealed class DeploymentSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public string? WebhookUrl { get; set; }

    /// <summary>Kept readable because every delivery is signed with it; only admins see the settings page.</summary>
    public string? WebhookSecret { get; set; }

    public string UpdatedBy { get; set; } = "system";
    public DateTime UpdatedAtUtc { get; set; }
}

public sealed class DeploymentRequest
{
    public int Id { get; set; }
    public int ModelId { get; set; }
    public int ModelVersionId { get; set; }
    public int EnvironmentId { get; set; }
    public DeploymentState State { get; set; }

    /// <summary>Risk tier and the approvals it needs, fixed when the request is made so the bar cannot move under approvers.</summary>
    public RiskTier RiskTier { get; set; }
    public int RequiredApprovals { get; set; }

    /// <summary>Approvals of the current round; a re-approval starts a new round.</summary>
    public int ApprovalRound { get; set; } = 1;
    public int ApprovalCount { get; set; }

    public required string Justification { get; set; }
    public DateTime? PlannedAtUtc { get; set; }

    public required string RequesterId { get; set; }
    public required string RequesterName { get; set; }

    /// <summary>Who registered the version (audit actor id), so the database can refuse their approval too.</summary>
    public string? RegistrantId { get; set; }
    public required string RegistrantName { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>The last state change: who and when, for "already decided by X at T".</summary>
    public DateTime StateChangedAtUtc { get; set; }
    public string? StateChangedBy { get; set; }
    public string? DecisionComment { get; set; }

    public DateTime? ApprovedAtUtc { get; set; }
    public DateTime? ApprovalExpiresAtUtc { get; set; }
    public DateTime? DeployedAtUtc { get; set; }
    public string? PipelineRunUrl { get; set; }

    /// <summary>The latest gate evaluation as JSON (name, passed, blocking, reason), shown on the request page.</summary>
    public string GatesJson { get; set; } = "[]";

    public List<DeploymentApproval> Approvals { get; set; } = [];
}

public sealed class DeploymentApproval
{
    public int Id { get; set; }
    public int RequestId { get; set; }
    public int Round { get; set; }
    public required string ApproverId { get; set; }
    public required string ApproverName { get; set; }
    public string? Comment { get; set; }
    public DateTime ApprovedAtUtc { get; set; }
}

internal sealed class DeploymentConfiguration :
    IEntityTypeConfiguration<EnvironmentPolicy>, IEntityTypeConfiguration<DeploymentSettings>, IEntityTypeConfiguration<DeploymentRequest>,
    IEntityTypeConfiguration<DeploymentApproval>
{
    private static readonly DateTime Seeded = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public void Configure(EntityTypeBuilder<EnvironmentPolicy> builder)
    {
        builder.ToTable("EnvironmentPolicies");
        builder.HasIndex(p => p.EnvironmentId).IsUnique();
        builder.HasOne<DeploymentEnvironment>().WithMany().HasForeignKey(p => p.EnvironmentId).OnDelete(DeleteBehavior.Restrict);
        foreach (var gate in new[] { nameof(EnvironmentPolicy.QualityGate), nameof(EnvironmentPolicy.DocumentationGate), nameof(EnvironmentPolicy.NamingGate), nameof(EnvironmentPolicy.CiGate), nameof(EnvironmentPolicy.AlertsGate) })
        {
            builder.Property<GateMode>(gate).HasConversion<string>().HasMaxLength(16);
        }

        builder.Property(p => p.UpdatedBy).HasMaxLength(256);
        builder.HasData(
            Policy(1, 1, 0, 0, 0, 0, 365, GateMode.Off, GateMode.Advisory),
            Policy(2, 2, 1, 1, 1, 1, 180, GateMode.Advisory, GateMode.Blocking),
            Policy(3, 3, 1, 1, 2, 2, 90, GateMode.Blocking, GateMode.Blocking));
    }

    public void Configure(EntityTypeBuilder<DeploymentSettings> builder)
    {
        builder.ToTable("DeploymentSettings");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.WebhookUrl).HasMaxLength(2000);
        builder.Property(s => s.WebhookSecret).HasMaxLength(200);
        builder.Property(s => s.UpdatedBy).HasMaxLength(256);
        builder.HasData(new DeploymentSettings { UpdatedAtUtc = Seeded });
    }

    public void Configure(EntityTypeBuilder<DeploymentRequest> builder)
    {
        builder.ToTable("DeploymentRequests");
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.RiskTier).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Justification).HasMaxLength(4000);
        builder.Property(r => r.RequesterId).HasMaxLength(128);
        builder.Property(r => r.RequesterName).HasMaxLength(256);
        builder.Property(r => r.RegistrantId).HasMaxLength(128);
        builder.Property(r => r.RegistrantName).HasMaxLength(256);
        builder.Property(r => r.StateChangedBy).HasMaxLength(256);
        builder.Property(r => r.DecisionComment).HasMaxLength(4000);
        builder.Property(r => r.PipelineRunUrl).HasMaxLength(2000);
        builder.Property(r => r.GatesJson).HasMaxLength(8000);
        builder.HasOne<Model>().WithMany().HasForeignKey(r => r.ModelId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ModelVersion>().WithMany().HasForeignKey(r => r.ModelVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<DeploymentEnvironment>().WithMany().HasForeignKey(r => r.EnvironmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Approvals).WithOne().HasForeignKey(a => a.RequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.ModelId, r.EnvironmentId, r.State });
        builder.HasIndex(r => new { r.State, r.ApprovalExpiresAtUtc });
    }

    public void Configure(EntityTypeBuilder<DeploymentApproval> builder)
    {
        builder.ToTable("DeploymentApprovals");
        builder.Property(a => a.ApproverId).HasMaxLength(128);
        builder.Property(a => a.ApproverName).HasMaxLength(256);
        builder.Property(a => a.Comment).HasMaxLength(4000);
        // Each person counts once per round.
        builder.HasIndex(a => new { a.RequestId, a.Round, a.ApproverId }).IsUnique();
    }

    private static EnvironmentPolicy Policy(int id, int environmentId, int low, int medium, int high, int critical, int validity, GateMode quality, GateMode others) => new()
    {
        Id = id,
        EnvironmentId = environmentId,
        ApprovalsLow = low,
        ApprovalsMedium = medium,
        ApprovalsHigh = high,
        ApprovalsCritical = critical,
        ValidityDays = validity,
        QualityGate = quality,
        QualityMaxAgeDays = 30,
        DocumentationGate = others,
        DocumentationThreshold = 80,
        NamingGate = others,
        CiGate = others,
        CiMinCoveragePercent = 70,
        AlertsGate = others,
        UpdatedAtUtc = Seeded,
    };
}
