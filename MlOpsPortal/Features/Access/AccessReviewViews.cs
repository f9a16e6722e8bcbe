using MlOpsPortal.Infrastructure.Architecture;

namespace MlOpsPortal.Features.Access;

/// <summary>What an administrator asks for when starting a review (issue 13 §3); the service validates every field.</summary>
/// <param name="Roles">The roles to review; empty or null for all of the portal's user roles.</param>
/// <param name="ListedReviewers">For <see cref="ReviewerChoice.Listed"/>: per role, the ids of the people who review it.</param>
/// <param name="RepeatEveryMonths">Null for the usual cadence (<see cref="AccessReviewRules.DefaultRepeatMonths"/>); 0 for once.</param>
public sealed record AccessReviewInput(
    string? Name,
    IReadOnlyList<string>? Roles,
    ReviewerChoice Reviewers,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? ListedReviewers,
    int? DurationDays,
    ReviewDefault Default = ReviewDefault.NoChange,
    int? RepeatEveryMonths = null);

/// <summary>A review as lists show it: its scope, schedule and how far its reviewers got.</summary>
[FeatureContract]
public sealed record AccessReviewSummary(
    int Id, string Name, IReadOnlyList<string> Roles, ReviewerChoice Reviewers, ReviewDefault Default, int DurationDays, int RepeatEveryMonths,
    AccessReviewState State, DateTime StartedAtUtc, DateTime DueAtUtc, string StartedByName, DateTime? ReminderSentAtUtc, DateTime? CompletedAtUtc,
    int? NextReviewId, int ItemCount, int DecidedCount);

/// <summary>One person × role of a review, with the segregation-of-duties warnings for the person's roles.</summary>
public sealed record AccessReviewItemView(
    int Id, string PersonId, string PersonName, string? PrincipalName, string Role, string Source, DateTime? LastSignInUtc, DateTime? RoleLastUsedUtc,
    ReviewDecision? Recommendation, string? RecommendationReason, ReviewDecision? Decision, string? Justification, string? ReviewerName,
    DateTime? DecidedAtUtc, bool DecidedByDefault, DateTime? AppliedAtUtc, string? Result, int Revision, IReadOnlyList<string> SegregationWarnings);

/// <summary>A review with its items, as the viewer may act on it.</summary>
/// <param name="ViewerId">The person looking, so pages can tell their own items apart.</param>
/// <param name="ReviewableRoles">The roles the viewer reviews in it (empty when they only read it).</param>
public sealed record AccessReviewView(
    AccessReviewSummary Summary, IReadOnlyDictionary<string, IReadOnlyList<string>> ListedReviewers, IReadOnlyList<AccessReviewItemView> Items,
    string? ViewerId, IReadOnlySet<string> ReviewableRoles)
{
    /// <summary>Why the viewer cannot decide <paramref name="item"/> now, or null when they can.</summary>
    public string? Refusal(AccessReviewItemView item, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(item);
        return AccessReviewRules.Refusal(Summary.State, Summary.DueAtUtc, item.PersonId, item.AppliedAtUtc, ViewerId, ReviewableRoles.Contains(item.Role), nowUtc);
    }
}

[FeatureContract]
public sealed record AccessReviewQuery(int PageIndex = 0, int PageSize = 25);
