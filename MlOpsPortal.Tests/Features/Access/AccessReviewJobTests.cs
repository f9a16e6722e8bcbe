using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Features.Notifications;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Access;

/// <summary>The hourly job: the half-time reminder, the end of a review with its default, removals applied once, recurrence.</summary>
public sealed class AccessReviewJobTests : AccessReviewTestContext
{
    [Fact]
    public async Task With_no_change_as_default_unanswered_items_keep_their_access_and_approved_ones_are_kept()
    {
        var review = await Reviews.StartAsync(Personas.Admin, Contributors());
        var dana = await ItemAsync(review.Id, Personas.Contributor, PortalRoles.ModelsContributor);
        await Reviews.DecideAsync(Personas.Support, dana.Id, ReviewDecision.Approve, null, dana.Revision);

        await EndAsync(review);

        var ended = await GetAsync(review.Id);
        Assert.Equal(AccessReviewState.Completed, ended.Summary.State);
        Assert.Equal((null, true, AccessReviewResults.NoChange), ended.Items.Single(i => i.PersonId == Ina.Id) is var ina ? (ina.Decision, ina.DecidedByDefault, ina.Result) : default);
        Assert.Equal(AccessReviewResults.Kept, ended.Items.Single(i => i.PersonId == Personas.Contributor.Id).Result);
        Assert.All(ended.Items, i => Assert.NotNull(i.AppliedAtUtc));
        Assert.Equal(0, await RemovalsAsync());
        Assert.Equal(1, await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == AccessReviews.CompletedAction)));
        Assert.Contains(PortalRoles.ModelsContributor, (await People.GetAsync(Personas.Admin, Ina.Id))!.Person.Roles);
    }

    [Fact]
    public async Task With_remove_as_default_every_unanswered_role_is_removed_once_and_is_gone_from_the_persons_roles()
    {
        var review = await Reviews.StartAsync(Personas.Admin, Contributors(ReviewDefault.Remove));

        await EndAsync(review);

        var ended = await GetAsync(review.Id);
        Assert.All(ended.Items, i => Assert.Equal((ReviewDecision.Deny, true, AccessReviewResults.Removed), (i.Decision, i.DecidedByDefault, i.Result)));
        Assert.Equal(2, await RemovalsAsync());
        Assert.DoesNotContain(PortalRoles.ModelsContributor, (await People.GetAsync(Personas.Admin, Personas.Contributor.Id))!.Person.Roles);
        Assert.DoesNotContain(PortalRoles.ModelsContributor, (await People.GetAsync(Personas.Admin, Ina.Id))!.Person.Roles);
        var told = await Services.GetRequiredService<NotificationsService>().ListAsync(Personas.Contributor);
        Assert.Contains(told, n => n.Title.StartsWith("Your Models.Contributor access was removed: Denied in access review 'Contributors Q4'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Taking_the_recommendations_removes_the_inactive_and_a_reviewers_deny_even_when_two_runs_race()
    {
        var review = await Reviews.StartAsync(Personas.Admin, new AccessReviewInput("Work roles", [PortalRoles.ModelsContributor, PortalRoles.DeploymentsApprover],
            ReviewerChoice.SupportEngineers, null, 14, ReviewDefault.TakeRecommendations, 0));
        var arun = await ItemAsync(review.Id, Personas.Approver, PortalRoles.DeploymentsApprover);
        await Reviews.DecideAsync(Personas.Support, arun.Id, ReviewDecision.Deny, "Moved to another team", arun.Revision);
        Clock.SetUtcNow(new DateTimeOffset(review.DueAtUtc, TimeSpan.Zero).AddMinutes(1));
        var other = ActivatorUtilities.CreateInstance<AccessReviewJob>(Services);

        await Task.WhenAll(Job.RunAsync(CancellationToken.None), other.RunAsync(CancellationToken.None));
        await Job.RunAsync(CancellationToken.None);

        var ended = await GetAsync(review.Id);
        Assert.Equal(AccessReviewResults.Removed, ended.Items.Single(i => i.PersonId == Ina.Id).Result);
        Assert.Equal(AccessReviewResults.Removed, ended.Items.Single(i => i.PersonId == Personas.Approver.Id).Result);
        Assert.Equal((null, AccessReviewResults.NoChange), ended.Items.Single(i => i.PersonId == Personas.Contributor.Id) is var d ? (d.Decision, d.Result) : default);
        Assert.Equal(2, await RemovalsAsync());
        Assert.Equal(1, await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == AccessReviews.CompletedAction)));
        Assert.Empty((await People.GetAsync(Personas.Admin, Personas.Approver.Id))!.Person.Roles);
    }

    [Fact]
    public async Task Reviewers_are_reminded_once_at_half_time()
    {
        var review = await Reviews.StartAsync(Personas.Admin, Contributors());
        var notices = Services.GetRequiredService<NotificationsService>();

        Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        Assert.Equal(0, (await Job.RunAsync(CancellationToken.None)).Reminded);
        Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await Job.RunAsync(CancellationToken.None)).Reminded);
        Assert.Equal(0, (await Job.RunAsync(CancellationToken.None)).Reminded);

        var reminders = (await notices.ListAsync(Personas.Support)).Where(n => n.Title.Contains("is half way", StringComparison.Ordinal)).ToList();
        Assert.Equal("Access review 'Contributors Q4' is half way: 2 items still need a decision by 2026-11-16 (UTC)", Assert.Single(reminders).Title);
        Assert.NotNull((await GetAsync(review.Id)).Summary.ReminderSentAtUtc);
        Assert.Equal(1, await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == AccessReviews.RemindedAction)));
    }

    [Fact]
    public async Task A_recurring_review_starts_again_once_when_its_months_have_passed()
    {
        var first = await Reviews.StartAsync(Personas.Admin, Contributors(repeat: 1, days: 7));
        await EndAsync(first);
        Assert.Null((await GetAsync(first.Id)).Summary.NextReviewId);

        Clock.SetUtcNow(Start.AddMonths(1));
        var started = await Task.WhenAll(Job.RunAsync(CancellationToken.None), ActivatorUtilities.CreateInstance<AccessReviewJob>(Services).RunAsync(CancellationToken.None));
        Assert.Equal(1, started.Sum(r => r.Started));
        Assert.Equal(0, (await Job.RunAsync(CancellationToken.None)).Started);

        var reviews = (await Reviews.ListAsync(Personas.Admin, new AccessReviewQuery())).Items;
        Assert.Equal(2, reviews.Count);
        var next = reviews[0];
        Assert.Equal(next.Id, (await GetAsync(first.Id)).Summary.NextReviewId);
        Assert.Equal((AccessReviewState.Running, "System", 2, Start.UtcDateTime.AddMonths(1).AddDays(7)), (next.State, next.StartedByName, next.ItemCount, next.DueAtUtc));
        Assert.Equal(2, await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == AccessReviews.StartedAction)));
    }
}
