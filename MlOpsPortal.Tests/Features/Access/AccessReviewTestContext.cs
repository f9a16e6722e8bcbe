using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Access;

/// <summary>
/// The portal's services on a temporary SQLite file with a fake clock at Monday 2 November 2026, 09:00 UTC, and a
/// directory built from real sign-in events: Ina (a contributor) last signed in 45 days ago; the development personas
/// (administrator, contributor, approver, support engineer, auditor) signed in yesterday.
/// </summary>
public abstract class AccessReviewTestContext : IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    protected static Persona Ina { get; } = Personas.Custom("test-ina", "Ina Inactive", PortalRoles.ModelsContributor);

    private PortalServices? portal;

    protected FakeTimeProvider Clock { get; } = new(Start.AddDays(-45));

    protected IServiceProvider Services => portal?.Services ?? throw new InvalidOperationException("Not initialised yet.");

    protected AccessReviews Reviews => Services.GetRequiredService<AccessReviews>();

    protected AccessReviewJob Job => Services.GetRequiredService<AccessReviewJob>();

    protected PeopleDirectory People => Services.GetRequiredService<PeopleDirectory>();

    public virtual async Task InitializeAsync()
    {
        portal = await PortalServices.StartAsync(Clock);
        await SignInAsync(Ina);
        Clock.SetUtcNow(Start.AddDays(-1));
        foreach (var person in new[] { Personas.Admin, Personas.Contributor, Personas.Approver, Personas.Support, Personas.Auditor })
        {
            await SignInAsync(person);
        }

        Clock.SetUtcNow(Start);
    }

    public virtual async Task DisposeAsync()
    {
        if (portal is not null)
        {
            await portal.DisposeAsync();
        }
    }

    /// <summary>What the cookie sign-in records, at the fake clock's time: the directory reads people from these events.</summary>
    protected Task SignInAsync(Persona person) => Services.RecordSignInsAsync(person);

    protected static AccessReviewInput Contributors(ReviewDefault @default = ReviewDefault.NoChange, int? repeat = 0, int days = 14) =>
        new("Contributors Q4", [PortalRoles.ModelsContributor], ReviewerChoice.SupportEngineers, null, days, @default, repeat);

    protected async Task<AccessReviewView> GetAsync(int id) => await Reviews.GetAsync(Personas.Admin, id);

    protected async Task<AccessReviewItemView> ItemAsync(int reviewId, Persona person, string role) =>
        (await GetAsync(reviewId)).Items.Single(i => i.PersonId == person.Id && i.Role == role);

    protected Task<T> DbAsync<T>(Func<PortalDbContext, Task<T>> query) => portal!.QueryAsync(query);

    protected Task<int> RemovalsAsync() => DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == AccessGrants.RemovedAction));

    /// <summary>Past the review's end, and the job run twice: the second run must find nothing left to do.</summary>
    protected async Task EndAsync(AccessReviewSummary review)
    {
        Clock.SetUtcNow(new DateTimeOffset(review.DueAtUtc, TimeSpan.Zero).AddMinutes(1));
        await Job.RunAsync(CancellationToken.None);
        await Job.RunAsync(CancellationToken.None);
    }
}
