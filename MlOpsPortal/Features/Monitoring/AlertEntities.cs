using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Architecture;

namespace MlOpsPortal.Features.Monitoring;

[FeatureContract]
public enum AlertCondition
{
    Above,
    Below,
    /// <summary>Change against the approved baseline (the latest version's training metric), in percent; negative means a drop.</summary>
    ChangeFromBaselinePercent,
}

[FeatureContract]
public enum AlertSeverity
{
    Info,
    Warning,
    Critical,
}

/// <summary>"Alert when model.auc is below 0.75 for 10 minutes in production."</summary>
public sealed class AlertRule
{
    public int Id { get; set; }
    public int ModelId { get; set; }
    public int EnvironmentId { get; set; }
    public required string MetricName { get; set; }
    public AlertCondition Condition { get; set; }
    public double Threshold { get; set; }
    public int ForMinutes { get; set; }
    public AlertSeverity Severity { get; set; }
    public bool Enabled { get; set; } = true;

    /// <summary>When the condition started to hold without a break; null while it does not hold.</summary>
    public DateTime? BreachingSinceUtc { get; set; }

    public required string CreatedBy { get; set; }
    public DateTime CreatedAtUtc { get; set; }

    /// <summary>"model.auc below 0.75 for 10 min": the rule as its list shows it and the alerts it raises quote it.</summary>
    public string Describe()
    {
        var threshold = Threshold.ToString("0.####", CultureInfo.InvariantCulture);
        var condition = Condition switch
        {
            AlertCondition.Above => $"above {threshold}",
            AlertCondition.Below => $"below {threshold}",
            _ => $"{threshold} % or more against the baseline",
        };
        return $"{MetricName} {condition}" + (ForMinutes > 0 ? $" for {ForMinutes} min" : string.Empty);
    }
}

/// <summary>A firing (ResolvedAtUtc null) or resolved alert of a rule.</summary>
public sealed class Alert
{
    public long Id { get; set; }
    public int RuleId { get; set; }
    public AlertRule? Rule { get; set; }
    public DateTime FiredAtUtc { get; set; }
    public DateTime? ResolvedAtUtc { get; set; }
    public double Value { get; set; }
    public required string Message { get; set; }
}

internal sealed class AlertConfiguration : IEntityTypeConfiguration<AlertRule>, IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<AlertRule> builder)
    {
        builder.ToTable("AlertRules");
        builder.Property(r => r.MetricName).HasMaxLength(128);
        builder.Property(r => r.Condition).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.Severity).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.CreatedBy).HasMaxLength(256);
        builder.HasIndex(r => new { r.ModelId, r.EnvironmentId, r.MetricName });
        builder.HasOne<Models.Model>().WithMany().HasForeignKey(r => r.ModelId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<DeploymentEnvironment>().WithMany().HasForeignKey(r => r.EnvironmentId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<Alert> builder)
    {
        builder.ToTable("Alerts");
        builder.Property(a => a.Message).HasMaxLength(1000);
        builder.HasOne(a => a.Rule).WithMany().HasForeignKey(a => a.RuleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.RuleId, a.ResolvedAtUtc });
        builder.HasIndex(a => a.FiredAtUtc);
    }
}
