using MlOpsPortal.Features.Access;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Access;

/// <summary>Starting a review and deciding its items, through the service, as administrators and reviewers use it.</summary>
public sealed class AccessReviewServiceTests : AccessReviewTestContext
{
    [Fact]
    public async Task Only_administrators_start_a_review_and_every_wrong_field_is_named()
    {
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Reviews.StartAsync(Personas.Support, Contributors()));

        var invalid = await Assert.ThrowsAsync<PortalValidationException>(() => Reviews.StartAsync(Personas.Admin,
            new AccessReviewInput(" ", ["Models.Contributor", "Registry.Write"], ReviewerChoice.SupportEngineers, null, 0, ReviewDefault.NoChange, 30)));
        Assert.Equal(["durationDays", "name", "repeatEveryMonths", "roles"], invalid.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("'Registry.Write' is not a role people hold", invalid.Errors["roles"][0], StringComparison.Ordinal);

        var tooLong = await Assert.ThrowsAsync<PortalValidationException>(() => Reviews.StartAsync(Personas.Admin, Contributors(repeat: 1, days: 30)));
        Assert.Contains("must end before the next starts", tooLong.Errors["durationDays"][0], StringComparison.Ordinal);

        var nobody = await Assert.ThrowsAsync<PortalValidationException>(() => Reviews.StartAsync(Personas.Admin,
            Contributors() with { Roles = [PortalRoles.ExecutiveViewer] }));
        Assert.Equal("Nobody holds Executive.Viewer: there is nothing to review.", Assert.Single(nobody.Errors["roles"]));

        var unlisted = await Assert.ThrowsAsync<PortalValidationException>(() => Reviews.StartAsync(Personas.Admin,
            Contributors() with { Reviewers = ReviewerChoice.Listed, ListedReviewers = new Dictionary<string, IReadOnlyList<string>> { [PortalRoles.ModelsContributor] = ["nobody-known"] } }));
        Assert.Contains(unlisted.Errors["listedReviewers"], m => m.Contains("'nobody-known' (for Models.Contributor) has never signed in", StringComparison.Ordinal));
        Assert.Contains(unlisted.Errors["listedReviewers"], m => m.Contains("Name at least one reviewer for Models.Contributor", StringComparison.Ordinal));

        Assert.Empty((await Reviews.ListAsync(Personas.Admin, new AccessReviewQuery())).Items);
    }

    [Fact]
    public async Task Each_holder_of_a_role_in_scope_is_an_item_and_inactivity_recommends_deny()
    {
        var review = await Reviews.StartAsync(Personas.Admin, Contributors(repeat: null));

        Assert.Equal((2, 0, 6, Start.UtcDateTime.AddDays(14)), (review.ItemCount, review.DecidedCount, review.RepeatEveryMonths, review.DueAtUtc));
        var view = await GetAsync(review.Id);
        var ina = view.Items.Single(i => i.PersonId == Ina.Id);
        Assert.Equal((ReviewDecision.Deny, "No sign-in for 45 days"), (ina.Recommendation, ina.RecommendationReason));
        Assert.Equal((PeopleDirectory.EntraSource, Start.UtcDateTime.AddDays(-45)), (ina.Source, ina.LastSignInUtc));
        var dana = view.Items.Single(i => i.PersonId == Personas.Contributor.Id);
        Assert.Null(dana.Recommendation);
        Assert.Equal(1, await DbAsync(db => Task.FromResult(db.AuditEvents.Count(e => e.Action == AccessReviews.StartedAction))));

        var privileged = await Reviews.StartAsync(Personas.Admin, new AccessReviewInput("Admins", [PortalRoles.Admin], ReviewerChoice.Administrators, null, 7));
        Assert.Equal(3, privileged.RepeatEveryMonths);
    }

    [Fact]
    public void Role_unused_for_90_days_recommends_deny_and_recent_use_recommends_nothing()
    {
        var now = Start.UtcDateTime;
        Assert.Equal((ReviewDecision.Deny, "Role unused for 120 days"), AccessReviewRules.Recommend(now.AddDays(-1), now.AddDays(-120), now.AddDays(-400), now));
        Assert.Equal((null, null), AccessReviewRules.Recommend(now.AddDays(-1), now.AddDays(-10), now.AddDays(-400), now));
        Assert.Equal(ReviewDecision.Deny, AccessReviewRules.Recommend(now.AddDays(-1), null, now.AddDays(-200), now).Recommendation);
    }

    [Fact]
    public async Task Nobody_reviews_their_own_access_and_only_the_reviewers_decide()
    {
        var review = await Reviews.StartAsync(Personas.Admin, new AccessReviewInput("Everyone", [], ReviewerChoice.Administrators, null, 14));
        var own = await ItemAsync(review.Id, Personas.Admin, PortalRoles.Admin);
        var dana = await ItemAsync(review.Id, Personas.Contributor, PortalRoles.ModelsContributor);

        var refused = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Reviews.DecideAsync(Personas.Admin, own.Id, ReviewDecision.Approve, "Still runs the platform", own.Revision));
        Assert.Equal("You cannot review your own access: another reviewer decides it.", refused.Message);
        Assert.Equal(refused.Message, (await GetAsync(review.Id)).Refusal(own, Start.UtcDateTime));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Reviews.DecideAsync(Personas.Support, dana.Id, ReviewDecision.Approve, null, dana.Revision));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Reviews.GetAsync(Personas.Support, review.Id));

        // Auditors see every review; they decide nothing.
        var audited = await Reviews.GetAsync(Personas.Auditor, review.Id);
        Assert.Equal("Only the reviewers of this review decide its items.", audited.Refusal(dana, Start.UtcDateTime));
        Assert.Null((await GetAsync(review.Id)).Refusal(dana, Start.UtcDateTime));
    }

    [Fact]
    public async Task Deny_and_approving_a_privileged_role_need_a_justification_and_a_decision_changes_until_the_end()
    {
        var review = await Reviews.StartAsync(Personas.Admin,
            new AccessReviewInput("Everyone", [PortalRoles.ModelsContributor, PortalRoles.Admin], ReviewerChoice.SupportEngineers, null, 14));
        var ina = await ItemAsync(review.Id, Ina, PortalRoles.ModelsContributor);
        var admin = await ItemAsync(review.Id, Personas.Admin, PortalRoles.Admin);

        var deny = await Assert.ThrowsAsync<PortalValidationException>(() => Reviews.DecideAsync(Personas.Support, ina.Id, ReviewDecision.Deny, "  ", ina.Revision));
        Assert.Equal("Say why the access is denied; the person and the auditors read it.", Assert.Single(deny.Errors["justification"]));
        var approve = await Assert.ThrowsAsync<PortalValidationException>(() => Reviews.DecideAsync(Personas.Support, admin.Id, ReviewDecision.Approve, null, admin.Revision));
        Assert.Equal("Portal.Admin is privileged: say why this person still needs it.", Assert.Single(approve.Errors["justification"]));

        var approved = await Reviews.DecideAsync(Personas.Support, ina.Id, ReviewDecision.Approve, null, ina.Revision);
        Assert.Equal((ReviewDecision.Approve, "Sam Support"), (approved.Decision, approved.ReviewerName));
        await Assert.ThrowsAsync<PortalConflictException>(() => Reviews.DecideAsync(Personas.Support, ina.Id, ReviewDecision.Deny, "Left the team", ina.Revision));
        var denied = await Reviews.DecideAsync(Personas.Support, ina.Id, ReviewDecision.Deny, "Left the team", approved.Revision);
        Assert.Equal((ReviewDecision.Deny, "Left the team"), (denied.Decision, denied.Justification));
        await Reviews.DecideAsync(Personas.Support, admin.Id, ReviewDecision.Approve, "Runs the platform", admin.Revision);

        var decided = await DbAsync(db => Task.FromResult(db.AuditEvents.Where(e => e.Action == AccessReviews.DecidedAction).ToList()));
        Assert.Equal(3, decided.Count);
        Assert.All(decided, e => Assert.Equal("User", e.EntityType));
        Assert.Contains(decided, e => e.EntityId == Ina.Id && e.Details!.Contains($"\"reviewId\":{review.Id}", StringComparison.Ordinal) && e.Details.Contains("\"decision\":\"Deny\"", StringComparison.Ordinal));
        Assert.Equal(2, (await Reviews.ListAsync(Personas.Support, new AccessReviewQuery())).Items.Single().DecidedCount);

        Clock.SetUtcNow(new DateTimeOffset(review.DueAtUtc, TimeSpan.Zero));
        var late = await Assert.ThrowsAsync<PortalConflictException>(() => Reviews.DecideAsync(Personas.Support, ina.Id, ReviewDecision.Approve, null, denied.Revision));
        Assert.Contains("unanswered items take its default", late.Message, StringComparison.Ordinal);
    }
}
