using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Architecture;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Quality;

public enum SampleRole
{
    Reference,
    Current,
}

public enum CheckRunState
{
    Queued,
    Running,
    Succeeded,
    Failed,
}

public enum CheckRunTrigger
{
    Schedule,
    Manual,
    Api,
}

/// <summary>Pass, Warn, Fail: ordered so the worst of several is their maximum.</summary>
[FeatureContract]
public enum QualityStatus
{
    Pass,
    Warn,
    Fail,
}

/// <summary>
/// Rows of one model version's data as uploaded, column by column. Cells are kept as text exactly as received
/// (numbers in invariant culture) and gzip-compressed: a check decides the type of each column, not the upload.
/// </summary>
public sealed class DataSample
{
    public int Id { get; set; }
    public int ModelId { get; set; }
    public int ModelVersionId { get; set; }
    public SampleRole Role { get; set; }
    public int RowCount { get; set; }
    public int ColumnCount { get; set; }

    /// <summary>SHA-256 (hex) of <see cref="Content"/>, so the same upload can be recognised and verified.</summary>
    public required string Sha256 { get; set; }

    public required byte[] Content { get; set; }
    public required string UploadedBy { get; set; }
    public DateTime UploadedAtUtc { get; set; }
}

/// <summary>Which checks run for a model, when, and against which thresholds. One per model.</summary>
public sealed class CheckSuite
{
    public int Id { get; set; }
    public int ModelId { get; set; }
    public bool Enabled { get; set; } = true;

    /// <summary>Five-field cron in UTC, e.g. "0 2 * * *".</summary>
    public string Cron { get; set; } = "0 2 * * *";

    public List<CheckKind> Checks { get; set; } = [.. Enum.GetValues<CheckKind>()];
    public CheckSuiteSettings Settings { get; set; } = new();
    public required string UpdatedBy { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>A requested run of some checks on one model version. The database, not Hangfire, says what is left to do.</summary>
public sealed class CheckRun
{
    public int Id { get; set; }
    public int ModelId { get; set; }
    public int ModelVersionId { get; set; }
    public List<CheckKind> Checks { get; set; } = [];
    public CheckRunState State { get; set; }
    public int Progress { get; set; }
    public CheckRunTrigger Trigger { get; set; }

    /// <summary>Scheduled runs carry "schedule:{suite}:{minute}" so a fired-twice schedule makes one run.</summary>
    public string? DedupKey { get; set; }

    public int Attempts { get; set; }
    public string? Error { get; set; }
    public required string RequestedBy { get; set; }
    public DateTime RequestedAtUtc { get; set; }
    public DateTime? StartedAtUtc { get; set; }
    public DateTime? FinishedAtUtc { get; set; }
    public int? ReportId { get; set; }
}

/// <summary>
/// The immutable result of one run: <see cref="Content"/> is the canonical JSON of every finding and
/// <see cref="Sha256"/> its hash. Database triggers refuse updates, and deleting a Fail.
/// </summary>
public sealed class QualityReport
{
    public int Id { get; set; }
    public int RunId { get; set; }
    public int ModelId { get; set; }
    public int ModelVersionId { get; set; }
    public QualityStatus Status { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public required string Content { get; set; }
    public required string Sha256 { get; set; }
    public List<QualityReportCheck> Checks { get; set; } = [];
}

/// <summary>One check's verdict inside a report, as a row so lists filter by kind and the health score reads it cheaply.</summary>
public sealed class QualityReportCheck
{
    public int Id { get; set; }
    public int ReportId { get; set; }
    public CheckKind Kind { get; set; }
    public QualityStatus Status { get; set; }

    /// <summary>Drift checks: the share of features that drifted (0–1).</summary>
    public double? DriftedShare { get; set; }

    public required string Summary { get; set; }
}

internal sealed class QualityConfiguration :
    IEntityTypeConfiguration<DataSample>, IEntityTypeConfiguration<CheckSuite>, IEntityTypeConfiguration<CheckRun>,
    IEntityTypeConfiguration<QualityReport>, IEntityTypeConfiguration<QualityReportCheck>
{
    public void Configure(EntityTypeBuilder<DataSample> builder)
    {
        builder.ToTable("DataSamples");
        builder.Property(s => s.Role).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Sha256).HasMaxLength(64);
        builder.Property(s => s.UploadedBy).HasMaxLength(256);
        builder.HasIndex(s => new { s.ModelVersionId, s.Role, s.UploadedAtUtc });
        builder.HasOne<Model>().WithMany().HasForeignKey(s => s.ModelId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ModelVersion>().WithMany().HasForeignKey(s => s.ModelVersionId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<CheckSuite> builder)
    {
        builder.ToTable("CheckSuites");
        builder.HasIndex(s => s.ModelId).IsUnique();
        builder.Property(s => s.Cron).HasMaxLength(100);
        builder.Property(s => s.UpdatedBy).HasMaxLength(256);
        builder.Property(s => s.Checks).HasConversion(JsonColumn.Converter<List<CheckKind>>(), JsonColumn.Comparer<List<CheckKind>>()).HasMaxLength(400);
        builder.Property(s => s.Settings).HasConversion(JsonColumn.Converter<CheckSuiteSettings>(), JsonColumn.Comparer<CheckSuiteSettings>());
        builder.HasOne<Model>().WithMany().HasForeignKey(s => s.ModelId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<CheckRun> builder)
    {
        builder.ToTable("CheckRuns");
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Trigger).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Checks).HasConversion(JsonColumn.Converter<List<CheckKind>>(), JsonColumn.Comparer<List<CheckKind>>()).HasMaxLength(400);
        builder.Property(r => r.DedupKey).HasMaxLength(200);
        builder.Property(r => r.Error).HasMaxLength(2000);
        builder.Property(r => r.RequestedBy).HasMaxLength(256);
        builder.HasIndex(r => r.DedupKey).IsUnique();
        builder.HasIndex(r => r.State);
        builder.HasIndex(r => new { r.ModelId, r.RequestedAtUtc });
        builder.HasOne<Model>().WithMany().HasForeignKey(r => r.ModelId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ModelVersion>().WithMany().HasForeignKey(r => r.ModelVersionId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<QualityReport> builder)
    {
        builder.ToTable("QualityReports");
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(8);
        builder.Property(r => r.Sha256).HasMaxLength(64);
        builder.HasIndex(r => r.RunId).IsUnique();
        builder.HasIndex(r => new { r.ModelId, r.CreatedAtUtc });
        builder.HasIndex(r => new { r.ModelVersionId, r.CreatedAtUtc });
        builder.HasIndex(r => new { r.Status, r.CreatedAtUtc });
        builder.HasMany(r => r.Checks).WithOne().HasForeignKey(c => c.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Model>().WithMany().HasForeignKey(r => r.ModelId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ModelVersion>().WithMany().HasForeignKey(r => r.ModelVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CheckRun>().WithMany().HasForeignKey(r => r.RunId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<QualityReportCheck> builder)
    {
        builder.ToTable("QualityReportChecks");
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(8);
        builder.Property(c => c.Summary).HasMaxLength(1000);
        builder.HasIndex(c => new { c.Kind, c.Status });
    }
}
