namespace MlOpsPortal.Features.Access;

/// <summary>What applying an item did, as the evidence states it.</summary>
public static class AccessReviewResults
{
    public const string Removed = "Removed";
    public const string Kept = "Kept";
    public const string NoChange = "No change";
    public const string FailedPrefix = "Failed: ";

    /// <summary>The result of an item that is not a denial: approved access is kept; "don't know" and no answer change nothing.</summary>
    public static string WithoutRemoval(ReviewDecision? decision) => decision == ReviewDecision.Approve ? Kept : NoChange;

    /// <summary>What unanswered items become at the end: the decision (null for none) under the review's default.</summary>
    public static ReviewDecision? DefaultFor(ReviewDefault @default, ReviewDecision? recommendation) => @default switch
    {
        ReviewDefault.Remove => ReviewDecision.Deny,
        ReviewDefault.TakeRecommendations => recommendation,
        _ => null,
    };
}
