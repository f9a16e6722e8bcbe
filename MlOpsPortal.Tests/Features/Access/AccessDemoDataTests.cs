using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Access;

/// <summary>The demo shows access management with something in it: people beyond the personas, and requests in every state.</summary>
public sealed class AccessDemoDataTests
{
    [Fact]
    public async Task The_demo_has_inactive_people_a_contributor_who_approves_and_requests_in_every_state_seeded_once()
    {
        await using var portal = await PortalServices.StartAsync(seedDemoData: true);
        await portal.Services.GetRequiredService<AccessDemoData>().SeedAsync();
        var people = portal.Services.GetRequiredService<PeopleDirectory>();
        var now = DateTime.UtcNow;

        var states = await portal.QueryAsync(db => db.Set<AccessRequest>().Select(r => r.State).Distinct().ToListAsync());
        Assert.Equal(Enum.GetValues<AccessRequestState>().Order(), states.Order());
        Assert.Equal(6, await portal.QueryAsync(db => db.Set<AccessRequest>().CountAsync()));

        var lars = (await people.GetAsync(Personas.Auditor, "demo-lars"))!;
        Assert.InRange((now - lars.Person.LastSignInUtc).TotalDays, 44.9, 45.1);
        var tom = (await people.GetAsync(Personas.Auditor, "demo-tom"))!;
        Assert.NotEmpty(tom.SegregationWarnings);
        // The audit chain holds the demo's history in the order it happened, as a person's log lists it.
        var toms = await portal.QueryAsync(db => db.AuditEvents.Where(e => e.EntityId == "demo-tom").OrderBy(e => e.Sequence).Select(e => e.OccurredAtUtc).ToListAsync());
        Assert.Equal(toms.Order(), toms);
        var reviews = await portal.QueryAsync(db => db.Set<AccessReview>().Include(r => r.Items).ToListAsync());
        Assert.Equal([AccessReviewState.Running, AccessReviewState.Completed], reviews.Select(r => r.State).Order());
        Assert.All(reviews.Single(r => r.State == AccessReviewState.Completed).Items, i => Assert.NotNull(i.AppliedAtUtc));
        Assert.Contains(reviews.Single(r => r.State == AccessReviewState.Running).Items,
            i => i.PersonId == "demo-lars" && i.Recommendation == ReviewDecision.Deny && i.Decision is null);
        var omar = (await people.GetAsync(Personas.Auditor, "demo-omar"))!;
        Assert.Contains(omar.HeldRoles, r => r.Role == PortalRoles.ComplianceAuditor && r.Source == PeopleDirectory.PortalGrantSource);
    }
}
