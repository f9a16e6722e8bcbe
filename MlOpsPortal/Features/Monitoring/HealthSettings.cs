using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlOpsPortal.Infrastructure.Architecture;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>The parts of a model's health score (DESIGN.md §9).</summary>
[FeatureContract]
public enum HealthComponent
{
    Performance,
    Drift,
    DataQuality,
    Service,
    Freshness,
    Incidents,
    Governance,
}

[FeatureContract]
public enum HealthStatus
{
    NoData,
    Healthy,
    Warning,
    Critical,
}

/// <summary>One part of a health score: its status, its 0–100 score (null without data), its weight and why.</summary>
[FeatureContract]
public sealed record HealthPart(HealthComponent Component, HealthStatus Status, double? Score, double Weight, string Explanation);

/// <summary>Portal-wide defaults (configuration), which a model's own <see cref="ModelHealthSettings"/> may override.</summary>
[FeatureContract]
public sealed class HealthOptions
{
    public const string SectionName = "Monitoring:Health";

    public Dictionary<HealthComponent, double> Weights { get; set; } = new()
    {
        [HealthComponent.Performance] = 3,
        [HealthComponent.Drift] = 2,
        [HealthComponent.DataQuality] = 2,
        [HealthComponent.Service] = 2,
        [HealthComponent.Freshness] = 1,
        [HealthComponent.Incidents] = 2,
        [HealthComponent.Governance] = 1,
    };

    [Range(0, 100)]
    public double WarningBelow { get; set; } = 80;

    [Range(0, 100)]
    public double CriticalBelow { get; set; } = 50;

    public HealthStatus Classify(double score) =>
        score < CriticalBelow ? HealthStatus.Critical : score < WarningBelow ? HealthStatus.Warning : HealthStatus.Healthy;
}

/// <summary>What "healthy" means for one model: its primary metric and threshold, service objectives, cadence, weights.</summary>
public sealed class ModelHealthSettings
{
    public int ModelId { get; set; }
    public string PrimaryMetric { get; set; } = MetricNames.Auc;
    public bool HigherIsBetter { get; set; } = true;
    public double? PrimaryThreshold { get; set; } = 0.7;
    public double LatencySloMs { get; set; } = 500;
    public double ErrorRateSlo { get; set; } = 0.01;
    public int ExpectedCadenceMinutes { get; set; } = 60;
    public Dictionary<HealthComponent, double> Weights { get; set; } = [];
    public string UpdatedBy { get; set; } = "system";
    public DateTime UpdatedAtUtc { get; set; }
}

internal sealed class ModelHealthSettingsConfiguration : IEntityTypeConfiguration<ModelHealthSettings>
{
    public void Configure(EntityTypeBuilder<ModelHealthSettings> builder)
    {
        builder.ToTable("ModelHealthSettings");
        builder.HasKey(s => s.ModelId);
        builder.Property(s => s.ModelId).ValueGeneratedNever();
        builder.HasOne<Models.Model>().WithOne().HasForeignKey<ModelHealthSettings>(s => s.ModelId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.PrimaryMetric).HasMaxLength(128);
        builder.Property(s => s.UpdatedBy).HasMaxLength(256);
        builder.Property(s => s.Weights).HasConversion(JsonColumn.Converter<Dictionary<HealthComponent, double>>(), JsonColumn.Comparer<Dictionary<HealthComponent, double>>());
    }
}
