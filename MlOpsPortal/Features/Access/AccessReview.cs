using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlOpsPortal.Infrastructure.Architecture;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Access;

[FeatureContract]
public enum AccessReviewState
{
    Running,
    Completed,
}

/// <summary>Who reviews the items of a campaign.</summary>
public enum ReviewerChoice
{
    Administrators,
    SupportEngineers,

    /// <summary>The people named per role in <see cref="AccessReview.ListedReviewers"/>.</summary>
    Listed,
}

/// <summary>What happens at the end to items nobody answered.</summary>
public enum ReviewDefault
{
    NoChange,
    Remove,
    TakeRecommendations,
}

public enum ReviewDecision
{
    Approve,
    Deny,
    DontKnow,
}

/// <summary>
/// An access review campaign: every person × role in scope is an item that a reviewer approves, denies or cannot judge.
/// At the end the unanswered items take the default, and the denials are removed (each once, audited).
/// </summary>
public sealed class AccessReview
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The roles reviewed; empty for all of them.</summary>
    public List<string> Roles { get; set; } = [];

    public ReviewerChoice Reviewers { get; set; }

    /// <summary>Per role, the ids of the people who review it (for <see cref="ReviewerChoice.Listed"/>).</summary>
    public Dictionary<string, List<string>> ListedReviewers { get; set; } = [];

    public int DurationDays { get; set; }
    public ReviewDefault Default { get; set; }

    /// <summary>Start the same review again this many months after this one started; 0 for once.</summary>
    public int RepeatEveryMonths { get; set; }

    public AccessReviewState State { get; set; }
    public DateTime StartedAtUtc { get; set; }
    public DateTime DueAtUtc { get; set; }
    public required string StartedById { get; set; }
    public required string StartedByName { get; set; }
    public DateTime? ReminderSentAtUtc { get; set; }
    public DateTime? CompletedAtUtc { get; set; }

    /// <summary>The review started from this one's recurrence, so a rerun of the job never starts it twice.</summary>
    public int? NextReviewId { get; set; }

    public int Revision { get; set; }
    public List<AccessReviewItem> Items { get; set; } = [];
}

/// <summary>One person's one role in a review, with what their use of it recommends and what was decided.</summary>
public sealed class AccessReviewItem
{
    public int Id { get; set; }
    public int ReviewId { get; set; }
    public required string PersonId { get; set; }
    public required string PersonName { get; set; }
    public string? PrincipalName { get; set; }
    public required string Role { get; set; }

    /// <summary>Where the role comes from: "Entra" (app role assignment) or "Portal grant".</summary>
    public required string Source { get; set; }

    public DateTime? LastSignInUtc { get; set; }
    public DateTime? RoleLastUsedUtc { get; set; }

    /// <summary>"Deny" when the person has not signed in for 30 days or not used the role for 90; null otherwise.</summary>
    public ReviewDecision? Recommendation { get; set; }
    public string? RecommendationReason { get; set; }

    public ReviewDecision? Decision { get; set; }
    public string? Justification { get; set; }
    public string? ReviewerId { get; set; }
    public string? ReviewerName { get; set; }
    public DateTime? DecidedAtUtc { get; set; }

    /// <summary>Decided by the review's default at its end, not by a person.</summary>
    public bool DecidedByDefault { get; set; }

    /// <summary>When the result was applied (claimed once, so a rerun never applies it twice), and what it was.</summary>
    public DateTime? AppliedAtUtc { get; set; }
    public string? Result { get; set; }

    public int Revision { get; set; }
}

internal sealed class AccessReviewConfiguration : IEntityTypeConfiguration<AccessReview>
{
    public void Configure(EntityTypeBuilder<AccessReview> builder)
    {
        builder.ToTable("AccessReviews");
        builder.Property(r => r.Name).HasMaxLength(200);
        builder.Property(r => r.Roles).HasConversion(JsonColumn.Converter<List<string>>(), JsonColumn.Comparer<List<string>>());
        builder.Property(r => r.ListedReviewers)
            .HasConversion(JsonColumn.Converter<Dictionary<string, List<string>>>(), JsonColumn.Comparer<Dictionary<string, List<string>>>());
        builder.Property(r => r.Reviewers).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.Default).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.StartedById).HasMaxLength(200);
        builder.Property(r => r.StartedByName).HasMaxLength(256);
        builder.Property(r => r.Revision).IsConcurrencyToken();
        builder.HasMany(r => r.Items).WithOne().HasForeignKey(i => i.ReviewId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => r.State);
    }
}

internal sealed class AccessReviewItemConfiguration : IEntityTypeConfiguration<AccessReviewItem>
{
    public void Configure(EntityTypeBuilder<AccessReviewItem> builder)
    {
        builder.ToTable("AccessReviewItems");
        builder.Property(i => i.PersonId).HasMaxLength(200);
        builder.Property(i => i.PersonName).HasMaxLength(256);
        builder.Property(i => i.PrincipalName).HasMaxLength(256);
        builder.Property(i => i.Role).HasMaxLength(64);
        builder.Property(i => i.Source).HasMaxLength(32);
        builder.Property(i => i.Recommendation).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.RecommendationReason).HasMaxLength(500);
        builder.Property(i => i.Decision).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Justification).HasMaxLength(2000);
        builder.Property(i => i.ReviewerId).HasMaxLength(200);
        builder.Property(i => i.ReviewerName).HasMaxLength(256);
        builder.Property(i => i.Result).HasMaxLength(500);
        builder.Property(i => i.Revision).IsConcurrencyToken();
        builder.HasIndex(i => new { i.ReviewId, i.PersonId, i.Role }).IsUnique();
    }
}
