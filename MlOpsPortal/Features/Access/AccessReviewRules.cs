using System.Globalization;

namespace MlOpsPortal.Features.Access;

/// <summary>
/// The rules of an access review that pages and the service both apply: what inactivity recommends, when a decision
/// needs a justification, who may decide an item, and how often a review repeats.
/// </summary>
public static class AccessReviewRules
{
    /// <summary>Entra's recommendation: no sign-in for this long recommends Deny.</summary>
    public static readonly TimeSpan SignInInactivity = TimeSpan.FromDays(30);

    /// <summary>A role not used for this long recommends Deny.</summary>
    public static readonly TimeSpan RoleInactivity = TimeSpan.FromDays(90);

    public const int MaxDurationDays = 180;
    public const int MaxRepeatMonths = 24;
    public const int JustificationMaxLength = 2000;

    /// <summary>Quarterly when only privileged roles are reviewed, half-yearly otherwise (all roles included).</summary>
    public static int DefaultRepeatMonths(IReadOnlyCollection<string>? roles) =>
        roles is { Count: > 0 } && roles.All(AccessGrants.IsPrivileged) ? 3 : 6;

    /// <summary>Deny, with the reason, when the person has not signed in for 30 days or has not used the role for 90; else no recommendation.</summary>
    /// <param name="roleLastUsedUtc">Null when the role was never used; then the time since the first sign-in counts.</param>
    public static (ReviewDecision? Recommendation, string? Reason) Recommend(DateTime lastSignInUtc, DateTime? roleLastUsedUtc, DateTime firstSignInUtc, DateTime nowUtc)
    {
        var reasons = new List<string>();
        if (nowUtc - lastSignInUtc > SignInInactivity)
        {
            reasons.Add($"No sign-in for {Days(nowUtc - lastSignInUtc)} days");
        }

        if (roleLastUsedUtc is { } used && nowUtc - used > RoleInactivity)
        {
            reasons.Add($"Role unused for {Days(nowUtc - used)} days");
        }
        else if (roleLastUsedUtc is null && nowUtc - firstSignInUtc > RoleInactivity)
        {
            reasons.Add($"Role never used in the {Days(nowUtc - firstSignInUtc)} days since the first sign-in");
        }

        return reasons.Count == 0 ? (null, null) : (ReviewDecision.Deny, string.Join("; ", reasons));
    }

    /// <summary>What a decision needs as justification, or null when none is required.</summary>
    public static string? JustificationRequired(ReviewDecision decision, string role) => decision switch
    {
        ReviewDecision.Deny => "Say why the access is denied; the person and the auditors read it.",
        ReviewDecision.Approve when AccessGrants.IsPrivileged(role) => $"{role} is privileged: say why this person still needs it.",
        _ => null,
    };

    /// <summary>Why <paramref name="viewerId"/> cannot decide an item now, or null when they can.</summary>
    public static string? Refusal(
        AccessReviewState state, DateTime dueAtUtc, string personId, DateTime? appliedAtUtc, string? viewerId, bool reviewsRole, DateTime nowUtc)
    {
        if (state != AccessReviewState.Running || appliedAtUtc is not null)
        {
            return "This review is completed; its decisions are final.";
        }

        if (nowUtc >= dueAtUtc)
        {
            return $"This review ended at {dueAtUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC; unanswered items take its default.";
        }

        if (viewerId is not null && viewerId == personId)
        {
            return "You cannot review your own access: another reviewer decides it.";
        }

        return reviewsRole ? null : "Only the reviewers of this review decide its items.";
    }

    private static int Days(TimeSpan span) => (int)Math.Floor(span.TotalDays);
}
