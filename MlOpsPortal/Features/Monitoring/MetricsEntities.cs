using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlOpsPortal.Features.Models;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>A series is (model, environment, metric name); a null model is the portal itself.</summary>
public sealed class MetricSeries
{
    public long Id { get; set; }
    public int? ModelId { get; set; }
    public int EnvironmentId { get; set; }
    public required string MetricName { get; set; }
}

/// <summary>A raw point. Time is Unix milliseconds (UTC): compact, fast to compare and to bucket.</summary>
public sealed class MetricPoint
{
    public long SeriesId { get; set; }
    public long TimestampMs { get; set; }
    public double Value { get; set; }
}

public enum RollupResolution
{
    Minute = 1,
    Hour = 2,
    Day = 3,
}

/// <summary>Aggregates of one bucket, maintained as points arrive, so long ranges never read raw rows.</summary>
public sealed class MetricRollup
{
    public long SeriesId { get; set; }
    public RollupResolution Resolution { get; set; }
    public long BucketStartMs { get; set; }
    public long Count { get; set; }
    public double Sum { get; set; }
    public double Min { get; set; }
    public double Max { get; set; }
    public double Last { get; set; }
    public long LastTimestampMs { get; set; }
}

/// <summary>An accepted ingestion request, remembered by its idempotency key so a retry writes nothing twice.</summary>
public sealed class IngestionBatch
{
    public long Id { get; set; }
    public required string ClientId { get; set; }
    public required string IdempotencyKey { get; set; }
    public int Accepted { get; set; }
    public DateTime ReceivedAtUtc { get; set; }
}

internal sealed class MetricsConfiguration :
    IEntityTypeConfiguration<MetricSeries>, IEntityTypeConfiguration<MetricPoint>,
    IEntityTypeConfiguration<MetricRollup>, IEntityTypeConfiguration<IngestionBatch>
{
    public void Configure(EntityTypeBuilder<MetricSeries> builder)
    {
        builder.ToTable("MetricSeries");
        builder.Property(s => s.MetricName).HasMaxLength(128);
        builder.HasIndex(s => new { s.ModelId, s.EnvironmentId, s.MetricName }).IsUnique();
        builder.HasOne<Model>().WithMany().HasForeignKey(s => s.ModelId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<DeploymentEnvironment>().WithMany().HasForeignKey(s => s.EnvironmentId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<MetricPoint> builder)
    {
        builder.ToTable("MetricPoints");
        builder.HasKey(p => new { p.SeriesId, p.TimestampMs });
        builder.HasOne<MetricSeries>().WithMany().HasForeignKey(p => p.SeriesId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<MetricRollup> builder)
    {
        builder.ToTable("MetricRollups");
        builder.HasKey(r => new { r.SeriesId, r.Resolution, r.BucketStartMs });
        // Chart queries read (bucket, sum, count) for one series and resolution in time order; with those columns in
        // the index the read never visits the table, whose rows of one series lie scattered among the others.
        builder.HasIndex(r => new { r.SeriesId, r.Resolution, r.BucketStartMs, r.Sum, r.Count }).HasDatabaseName("IX_MetricRollups_Chart");
        builder.HasOne<MetricSeries>().WithMany().HasForeignKey(r => r.SeriesId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<IngestionBatch> builder)
    {
        builder.ToTable("IngestionBatches");
        builder.Property(b => b.ClientId).HasMaxLength(128);
        builder.Property(b => b.IdempotencyKey).HasMaxLength(128);
        builder.HasIndex(b => new { b.ClientId, b.IdempotencyKey }).IsUnique();
        builder.HasIndex(b => b.ReceivedAtUtc);
    }
}
