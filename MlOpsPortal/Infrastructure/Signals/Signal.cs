using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MlOpsPortal.Infrastructure.Signals;

/// <summary>What raised a signal; the incident it opens keeps it as its source.</summary>
public enum SignalSource
{
    Alert = 1,
    QualityReport = 2,
    DeploymentFailure = 3,
    DeploymentRollback = 4,
    ExternalAlert = 5,
}

/// <summary>A signal starts a problem (firing) or says it has gone away (resolved).</summary>
public enum SignalStatus
{
    Firing = 1,
    Resolved = 2,
}

/// <summary>How bad the raiser thinks it is; with the model's risk tier it decides the incident's priority.</summary>
public enum SignalSeverity
{
    Critical = 1,
    High = 2,
    Medium = 3,
    Low = 4,
}

/// <summary>
/// Something that may need a person: a firing alert, a failed quality check, a failed or rolled-back deployment, an
/// external alert. Features below Incidents cannot call it, so they leave a signal in their own unit of work (an
/// outbox row, saved with the change that raised it or not at all); the incidents feature takes each signal once.
/// </summary>
public sealed class Signal
{
    public long Id { get; set; }
    public SignalSource Source { get; set; }
    public SignalStatus Status { get; set; }

    /// <summary>Signals with the same key concern the same problem (model, environment, source rule): one open incident.</summary>
    public required string DedupKey { get; set; }

    public int? ModelId { get; set; }
    public int? ModelVersionId { get; set; }
    public int? EnvironmentId { get; set; }
    public SignalSeverity Severity { get; set; }
    public required string Title { get; set; }
    public string Detail { get; set; } = string.Empty;

    /// <summary>What raised it, as "alert:12", "quality-report:4", "deployment-request:7" or an Alertmanager fingerprint.</summary>
    public string? SourceRef { get; set; }

    /// <summary>A portal path to what raised it (the dashboard, the report, the request) or an external URL.</summary>
    public string? Link { get; set; }

    public DateTime OccurredAtUtc { get; set; }

    /// <summary>Set once, by the conditional update that claims the signal for processing.</summary>
    public DateTime? ProcessedAtUtc { get; set; }

    /// <summary>What processing did with it ("opened INC-000012", "attached to INC-000012"), for the record.</summary>
    public string? Outcome { get; set; }
}

internal sealed class SignalConfiguration : IEntityTypeConfiguration<Signal>
{
    public void Configure(EntityTypeBuilder<Signal> builder)
    {
        builder.ToTable("Signals");
        builder.Property(s => s.Source).HasConversion<string>().HasMaxLength(32);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Severity).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.DedupKey).HasMaxLength(300);
        builder.Property(s => s.Title).HasMaxLength(300);
        builder.Property(s => s.Detail).HasMaxLength(4000);
        builder.Property(s => s.SourceRef).HasMaxLength(300);
        builder.Property(s => s.Link).HasMaxLength(1000);
        builder.Property(s => s.Outcome).HasMaxLength(300);
        builder.HasIndex(s => s.ProcessedAtUtc);
        builder.HasIndex(s => s.DedupKey);
    }
}
