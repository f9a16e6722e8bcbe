using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlOpsPortal.Features.Models;

namespace MlOpsPortal.Features.Incidents;

/// <summary>
/// A model incident. The priority and its SLA targets are fixed when it opens, so an admin's later edit of the matrix
/// or the targets applies to new incidents only. <see cref="Revision"/> grows with every change: each change is a
/// conditional update on the revision (or state) its author saw, so racing people produce exactly one change.
/// </summary>
public sealed class Incident
{
    public const string NumberPrefix = "INC-";
    public const int TitleMaxLength = 200;

    public int Id { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = string.Empty;
    public int? ModelId { get; set; }
    public int? ModelVersionId { get; set; }
    public int? EnvironmentId { get; set; }

    public IncidentSource Source { get; set; }

    /// <summary>De-duplication key of the signals it was opened by; while it is open, signals with this key attach to it.</summary>
    public string? SignalKey { get; set; }

    public string? SourceRef { get; set; }
    public string? SourceLink { get; set; }
    public int SignalCount { get; set; }

    public Impact Impact { get; set; }
    public Urgency Urgency { get; set; }
    public IncidentPriority Priority { get; set; }
    public SupportLevel Level { get; set; } = SupportLevel.L1;
    public string? AssigneeId { get; set; }
    public string? AssigneeName { get; set; }

    public IncidentState State { get; set; } = IncidentState.New;
    public HoldReason? HoldReason { get; set; }
    public ResolutionCode? ResolutionCode { get; set; }
    public string? ResolutionNotes { get; set; }
    public string? CancelReason { get; set; }

    public DateTime ImpactStartUtc { get; set; }
    public DateTime DetectedAtUtc { get; set; }
    public DateTime? AcknowledgedAtUtc { get; set; }
    public string? AcknowledgedBy { get; set; }
    public DateTime? ResolvedAtUtc { get; set; }
    public DateTime? ClosedAtUtc { get; set; }
    public DateTime? CancelledAtUtc { get; set; }

    /// <summary>The SLA in force at opening: which clock, and the counted time each target allows.</summary>
    public SlaClockKind ClockKind { get; set; }
    public TimeSpan ResponseTarget { get; set; }
    public TimeSpan ResolutionTarget { get; set; }

    /// <summary>The highest warning sent per target, so each is sent once.</summary>
    public SlaWarning ResponseWarningSent { get; set; }
    public SlaWarning ResolutionWarningSent { get; set; }

    public int Revision { get; set; } = 1;
    public required string CreatedById { get; set; }
    public required string CreatedByName { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public required string ChangedBy { get; set; }
    public DateTime ChangedAtUtc { get; set; }

    public List<IncidentHold> Holds { get; set; } = [];

    public string Number => Format(Id);

    public static string Format(int id) => NumberPrefix + id.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>"INC-000123", "inc-123" or "123" → 123; null when it is none of those.</summary>
    public static int? ParseNumber(string? number)
    {
        var digits = number?.Trim();
        if (digits is null)
        {
            return null;
        }

        if (digits.StartsWith(NumberPrefix, StringComparison.OrdinalIgnoreCase))
        {
            digits = digits[NumberPrefix.Length..];
        }

        return digits.Length is > 0 and <= 9 && digits.All(char.IsAsciiDigit) && int.Parse(digits, CultureInfo.InvariantCulture) is > 0 and var id ? id : null;
    }
}

/// <summary>A time on hold, or between resolving and reopening; the resolution clock does not count it.</summary>
public sealed class IncidentHold
{
    public long Id { get; set; }
    public int IncidentId { get; set; }
    public HoldReason Reason { get; set; }
    public DateTime StartUtc { get; set; }
    public DateTime? EndUtc { get; set; }
}

/// <summary>One line of an incident's history: every action, signal, warning and comment.</summary>
public sealed class IncidentTimelineEntry
{
    public long Id { get; set; }
    public int IncidentId { get; set; }
    public DateTime AtUtc { get; set; }
    public TimelineKind Kind { get; set; }
    public required string ActorId { get; set; }
    public required string ActorName { get; set; }
    public required string Text { get; set; }
    public string? Link { get; set; }
}

/// <summary>The post-incident review of a P1 or P2; a P1 cannot close without one.</summary>
public sealed class IncidentReview
{
    public int IncidentId { get; set; }
    public required string Summary { get; set; }
    public required string RootCause { get; set; }
    public string ContributingFactors { get; set; } = string.Empty;
    public List<ReviewActionItem> ActionItems { get; set; } = [];
    public required string UpdatedBy { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>Something the review decided must be done, by whom and by when.</summary>
public sealed class ReviewActionItem
{
    public string Text { get; set; } = string.Empty;
    public string Owner { get; set; } = string.Empty;
    public DateOnly DueDate { get; set; }
    public bool Done { get; set; }
}

internal sealed class IncidentConfiguration :
    IEntityTypeConfiguration<Incident>, IEntityTypeConfiguration<IncidentHold>, IEntityTypeConfiguration<IncidentTimelineEntry>, IEntityTypeConfiguration<IncidentReview>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.ToTable("Incidents");
        builder.Ignore(i => i.Number);
        builder.Property(i => i.Title).HasMaxLength(Incident.TitleMaxLength);
        builder.Property(i => i.Description).HasMaxLength(8000);
        builder.Property(i => i.Source).HasConversion<string>().HasMaxLength(32);
        builder.Property(i => i.SignalKey).HasMaxLength(300);
        builder.Property(i => i.SourceRef).HasMaxLength(300);
        builder.Property(i => i.SourceLink).HasMaxLength(1000);
        builder.Property(i => i.Impact).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Urgency).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Priority).HasConversion<string>().HasMaxLength(8);
        builder.Property(i => i.Level).HasConversion<string>().HasMaxLength(8);
        builder.Property(i => i.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.HoldReason).HasConversion<string>().HasMaxLength(32);
        builder.Property(i => i.ResolutionCode).HasConversion<string>().HasMaxLength(32);
        builder.Property(i => i.ClockKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.ResponseWarningSent).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.ResolutionWarningSent).HasConversion<string>().HasMaxLength(16);
        // Ticks: SQL Server's time type stops at 24 hours, and "5 business days" is longer.
        builder.Property(i => i.ResponseTarget).HasConversion<long>();
        builder.Property(i => i.ResolutionTarget).HasConversion<long>();
        builder.Property(i => i.Revision).IsConcurrencyToken();
        builder.Property(i => i.AssigneeId).HasMaxLength(256);
        builder.Property(i => i.AssigneeName).HasMaxLength(256);
        builder.Property(i => i.AcknowledgedBy).HasMaxLength(256);
        builder.Property(i => i.ResolutionNotes).HasMaxLength(4000);
        builder.Property(i => i.CancelReason).HasMaxLength(1000);
        builder.Property(i => i.CreatedById).HasMaxLength(256);
        builder.Property(i => i.CreatedByName).HasMaxLength(256);
        builder.Property(i => i.ChangedBy).HasMaxLength(256);
        builder.HasIndex(i => new { i.State, i.Priority });
        builder.HasIndex(i => new { i.ModelId, i.State });
        builder.HasIndex(i => new { i.SignalKey, i.State });
        builder.HasIndex(i => i.AssigneeId);
        builder.HasIndex(i => i.DetectedAtUtc);
        builder.HasOne<Model>().WithMany().HasForeignKey(i => i.ModelId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ModelVersion>().WithMany().HasForeignKey(i => i.ModelVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<DeploymentEnvironment>().WithMany().HasForeignKey(i => i.EnvironmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(i => i.Holds).WithOne().HasForeignKey(h => h.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<IncidentHold> builder)
    {
        builder.ToTable("IncidentHolds");
        builder.Property(h => h.Reason).HasConversion<string>().HasMaxLength(32);
    }

    public void Configure(EntityTypeBuilder<IncidentTimelineEntry> builder)
    {
        builder.ToTable("IncidentTimeline");
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.ActorId).HasMaxLength(256);
        builder.Property(t => t.ActorName).HasMaxLength(256);
        builder.Property(t => t.Text).HasMaxLength(8000);
        builder.Property(t => t.Link).HasMaxLength(1000);
        builder.HasIndex(t => new { t.IncidentId, t.AtUtc });
        builder.HasOne<Incident>().WithMany().HasForeignKey(t => t.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<IncidentReview> builder)
    {
        builder.ToTable("IncidentReviews");
        builder.HasKey(r => r.IncidentId);
        builder.Property(r => r.Summary).HasMaxLength(4000);
        builder.Property(r => r.RootCause).HasMaxLength(4000);
        builder.Property(r => r.ContributingFactors).HasMaxLength(4000);
        builder.Property(r => r.UpdatedBy).HasMaxLength(256);
        builder.Property(r => r.ActionItems).HasConversion(Infrastructure.Data.JsonColumn.Converter<List<ReviewActionItem>>(), Infrastructure.Data.JsonColumn.Comparer<List<ReviewActionItem>>());
        builder.HasOne<Incident>().WithOne().HasForeignKey<IncidentReview>(r => r.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}
