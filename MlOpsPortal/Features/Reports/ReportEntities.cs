using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlOpsPortal.Features.Models;

namespace MlOpsPortal.Features.Reports;

/// <summary>
/// A requested report and, once generated, its archived content: the canonical JSON of every figure
/// (<see cref="Content"/>, hashed in <see cref="ContentSha256"/>) and its rendered files. Database triggers refuse
/// any change to a succeeded report and any deletion, so what was archived is what is downloaded.
/// </summary>
public sealed class Report
{
    public int Id { get; set; }
    public ReportKind Kind { get; set; }

    /// <summary>The period covered: [<see cref="FromUtc"/>, <see cref="ToUtc"/>).</summary>
    public DateTime FromUtc { get; set; }

    public DateTime ToUtc { get; set; }

    /// <summary>Data recorded after this instant is left out, so a report regenerated for the same as-of gives the same figures.</summary>
    public DateTime AsOfUtc { get; set; }

    public ReportState State { get; set; }
    public int Progress { get; set; }
    public int Attempts { get; set; }
    public string? Error { get; set; }
    public ReportTrigger Trigger { get; set; }
    public int? SubscriptionId { get; set; }

    /// <summary>Scheduled reports carry "subscription:{id}:{period start}" so a schedule that fires twice makes one report.</summary>
    public string? DedupKey { get; set; }

    public required string RequestedById { get; set; }
    public required string RequestedByName { get; set; }
    public DateTime RequestedAtUtc { get; set; }
    public DateTime? StartedAtUtc { get; set; }
    public DateTime? GeneratedAtUtc { get; set; }

    /// <summary>The report's first sentence, for lists and notices.</summary>
    public string? Headline { get; set; }

    public string? Content { get; set; }
    public string? ContentSha256 { get; set; }
}

/// <summary>A rendered file of a succeeded report (PDF or XLSX), stored once and never changed.</summary>
public sealed class ReportFile
{
    public int Id { get; set; }
    public int ReportId { get; set; }
    public required string Format { get; set; }
    public required byte[] Bytes { get; set; }
    public required string Sha256 { get; set; }
}

public enum ReportCadence
{
    Weekly,
    Monthly,
}

/// <summary>A person's standing order for a report kind, in their own time zone.</summary>
public sealed class ReportSubscription
{
    public int Id { get; set; }
    public required string PersonId { get; set; }
    public required string PersonName { get; set; }
    public string? Email { get; set; }
    public ReportKind Kind { get; set; }
    public ReportCadence Cadence { get; set; }

    /// <summary>Weekly: the weekday it arrives.</summary>
    public DayOfWeek? DayOfWeek { get; set; }

    /// <summary>Monthly: the day of the month it arrives (1–28, or 31 for the last day).</summary>
    public int? DayOfMonth { get; set; }

    public TimeOnly LocalTime { get; set; }
    public required string TimeZoneId { get; set; }
    public bool Active { get; set; } = true;
    public DateTime CreatedAtUtc { get; set; }

    /// <summary>When it next falls due; the schedule job sends what is due and moves it on.</summary>
    public DateTime NextRunUtc { get; set; }

    public DateTime? LastRunUtc { get; set; }
}

/// <summary>
/// One model's health on one day, taken by the daily snapshot job: the portfolio's history, so an executive report for
/// a past period shows health as it was, and regenerating it gives the same figures.
/// </summary>
public sealed class PortfolioSnapshot
{
    public long Id { get; set; }
    public DateOnly Day { get; set; }
    public int ModelId { get; set; }
    public required string Environment { get; set; }
    public double? Score { get; set; }
    public required string Status { get; set; }
    public DateTime TakenAtUtc { get; set; }
}

internal sealed class ReportsConfiguration :
    IEntityTypeConfiguration<Report>, IEntityTypeConfiguration<ReportFile>, IEntityTypeConfiguration<ReportSubscription>,
    IEntityTypeConfiguration<PortfolioSnapshot>
{
    public void Configure(EntityTypeBuilder<Report> builder)
    {
        builder.ToTable("Reports");
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Trigger).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Error).HasMaxLength(2000);
        builder.Property(r => r.DedupKey).HasMaxLength(200);
        builder.Property(r => r.RequestedById).HasMaxLength(128);
        builder.Property(r => r.RequestedByName).HasMaxLength(256);
        builder.Property(r => r.Headline).HasMaxLength(500);
        builder.Property(r => r.ContentSha256).HasMaxLength(64);
        builder.HasIndex(r => r.DedupKey).IsUnique();
        builder.HasIndex(r => r.State);
        builder.HasIndex(r => new { r.Kind, r.RequestedAtUtc });
        builder.HasOne<ReportSubscription>().WithMany().HasForeignKey(r => r.SubscriptionId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<ReportFile> builder)
    {
        builder.ToTable("ReportFiles");
        builder.Property(f => f.Format).HasMaxLength(8);
        builder.Property(f => f.Sha256).HasMaxLength(64);
        builder.HasIndex(f => new { f.ReportId, f.Format }).IsUnique();
        builder.HasOne<Report>().WithMany().HasForeignKey(f => f.ReportId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<ReportSubscription> builder)
    {
        builder.ToTable("ReportSubscriptions");
        builder.Property(s => s.PersonId).HasMaxLength(128);
        builder.Property(s => s.PersonName).HasMaxLength(256);
        builder.Property(s => s.Email).HasMaxLength(320);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Cadence).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.DayOfWeek).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.TimeZoneId).HasMaxLength(100);
        builder.HasIndex(s => new { s.Active, s.NextRunUtc });
        builder.HasIndex(s => s.PersonId);
    }

    public void Configure(EntityTypeBuilder<PortfolioSnapshot> builder)
    {
        builder.ToTable("PortfolioSnapshots");
        builder.Property(s => s.Environment).HasMaxLength(64);
        builder.Property(s => s.Status).HasMaxLength(16);
        builder.HasIndex(s => new { s.Day, s.ModelId, s.Environment }).IsUnique();
        builder.HasOne<Model>().WithMany().HasForeignKey(s => s.ModelId).OnDelete(DeleteBehavior.Cascade);
    }
}
