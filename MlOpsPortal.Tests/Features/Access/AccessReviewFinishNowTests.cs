using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Access;

/// <summary>An administrator finishes a review before its due time: the same run as at the end applies it, once.</summary>
public sealed class AccessReviewFinishNowTests : AccessTestContext
{
    [Fact]
    public async Task Finishing_early_is_for_administrators_applies_the_denials_at_once_and_only_once()
    {
        var contributor = Personas.Contributor;
        await Services.RecordSignInsAsync(contributor);
        var reviews = Services.GetRequiredService<AccessReviews>();
        var job = Services.GetRequiredService<AccessReviewJob>();
        var started = await reviews.StartAsync(Personas.Admin,
            new AccessReviewInput("Contributors, December", [PortalRoles.ModelsContributor], ReviewerChoice.Administrators, null, 14));
        var item = (await reviews.GetAsync(Personas.Admin, started.Id)).Items.Single();
        await reviews.DecideAsync(Personas.Admin, item.Id, ReviewDecision.Deny, "Moved to the data platform team.", item.Revision);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => job.FinishNowAsync(Personas.Support, started.Id));
        Assert.Equal([PortalRoles.ModelsContributor], await RolesOfAsync(contributor));
        var result = await job.FinishNowAsync(Personas.Admin, started.Id);

        Assert.Equal((1, 1), (result.Removed, result.Completed));
        Assert.Empty(await RolesOfAsync(contributor));
        var finished = await reviews.GetAsync(Personas.Admin, started.Id);
        Assert.Equal((AccessReviewState.Completed, Now), (finished.Summary.State, finished.Summary.DueAtUtc));
        Assert.Equal(AccessReviewResults.Removed, finished.Items.Single().Result);
        await Assert.ThrowsAsync<PortalConflictException>(() => job.FinishNowAsync(Personas.Admin, started.Id));
        Assert.Equal(0, (await job.RunAsync(CancellationToken.None)).Removed);
        Assert.Equal(1, await AuditCountAsync(AccessGrants.RemovedAction, contributor.Id));
    }
}
