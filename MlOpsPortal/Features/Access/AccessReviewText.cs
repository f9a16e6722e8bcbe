using System.Globalization;

namespace MlOpsPortal.Features.Access;

/// <summary>How the review pages word a review's settings and progress.</summary>
internal static class AccessReviewText
{
    public static string Scope(IReadOnlyList<string> roles) => roles.Count == 0 ? "All roles" : string.Join(", ", roles);

    public static string Reviewers(ReviewerChoice choice) => choice switch
    {
        ReviewerChoice.Administrators => "Administrators (Portal.Admin)",
        ReviewerChoice.SupportEngineers => "Support engineers (Support.Engineer)",
        _ => "People listed per role",
    };

    public static string Default(ReviewDefault @default) => @default switch
    {
        ReviewDefault.Remove => "Remove access",
        ReviewDefault.TakeRecommendations => "Take the recommendations",
        _ => "No change",
    };

    public static string Progress(AccessReviewSummary review) =>
        string.Create(CultureInfo.InvariantCulture, $"{review.DecidedCount} of {review.ItemCount} decided");

    public static double Percent(AccessReviewSummary review) => review.ItemCount == 0 ? 100 : 100.0 * review.DecidedCount / review.ItemCount;
}
