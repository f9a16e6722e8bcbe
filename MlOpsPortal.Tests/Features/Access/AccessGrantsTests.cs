using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Access;

/// <summary>Grants end when revoked, at their end date (warned before), or by a removal, and a role from the sign-in token can be taken too.</summary>
public sealed class AccessGrantsTests : AccessTestContext
{
    private static readonly Persona Newcomer = Personas.Newcomer;

    private async Task<int> GrantAsync(string role, int days)
    {
        var request = await Requests.SubmitAsync(Newcomer, new AccessRequestInput(role, "Covering the approver rota in December.", days));
        return (await Requests.ApproveAsync(Personas.Admin, request.Id, null)).GrantId!.Value;
    }

    [Fact]
    public async Task A_revoked_grant_stops_at_once_and_needs_a_reason_and_the_right_decider()
    {
        var grant = await GrantAsync(PortalRoles.DeploymentsApprover, 90);
        Assert.Equal([PortalRoles.DeploymentsApprover], await RolesOfAsync(Newcomer));

        await Assert.ThrowsAsync<PortalValidationException>(() => Grants.RevokeAsync(Personas.Admin, grant, ""));
        var support = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Grants.RevokeAsync(Personas.Support, grant, "Rota over"));
        Assert.Equal("Only administrators revoke Deployments.Approver.", support.Message);
        await Grants.RevokeAsync(Personas.Admin, grant, "Rota over");

        Assert.Empty(await RolesOfAsync(Newcomer));
        Assert.Equal(1, await AuditCountAsync(AccessGrants.RevokedAction, Newcomer.Id));
        Assert.Contains(await NoticesOfAsync(Newcomer.Id), n => n == "Your Deployments.Approver access was revoked by Ada Admin: Rota over");
        await Assert.ThrowsAsync<PortalConflictException>(() => Grants.RevokeAsync(Personas.Admin, grant, "again"));
    }

    [Fact]
    public async Task Holders_are_warned_seven_days_and_one_day_before_the_end_once_each_and_the_grant_ends_on_its_date()
    {
        await GrantAsync(PortalRoles.DeploymentsApprover, 30);
        var job = Services.GetRequiredService<AccessExpiryJob>();

        Clock.Advance(TimeSpan.FromDays(22));
        Assert.Equal(0, (await job.RunAsync(CancellationToken.None)).Warned);
        Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, (await job.RunAsync(CancellationToken.None)).Warned);
        Assert.Equal(0, (await job.RunAsync(CancellationToken.None)).Warned);
        Clock.Advance(TimeSpan.FromDays(6));
        Assert.Equal(1, (await job.RunAsync(CancellationToken.None)).Warned);
        Assert.Equal([PortalRoles.DeploymentsApprover], await RolesOfAsync(Newcomer));

        Clock.Advance(TimeSpan.FromDays(1));
        Assert.Empty(await RolesOfAsync(Newcomer));
        var first = await job.RunAsync(CancellationToken.None);
        var second = await job.RunAsync(CancellationToken.None);

        Assert.Equal((1, 0), (first.GrantsEnded, second.GrantsEnded));
        Assert.Equal(1, await AuditCountAsync(AccessGrants.ExpiredAction, Newcomer.Id));
        var notices = await NoticesOfAsync(Newcomer.Id);
        Assert.Single(notices, n => n.Contains("(within 7 days)", StringComparison.Ordinal));
        Assert.Single(notices, n => n.Contains("(within a day)", StringComparison.Ordinal));
        Assert.Single(notices, n => n.StartsWith("Your Deployments.Approver access ended on", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_role_the_sign_in_token_carries_is_refused_once_removed_until_the_portal_grants_it_again()
    {
        var contributor = Personas.Contributor;
        Assert.Equal([PortalRoles.ModelsContributor], await RolesOfAsync(contributor));

        await using (var db = await Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            await Grants.RemoveRoleAsync(db, AuditActor.From(Personas.Admin), contributor.Id, contributor.Name, PortalRoles.ModelsContributor, "Denied in the Q4 review", CancellationToken.None);
            await db.SaveChangesAsync();
        }

        Grants.Changed(contributor.Id);
        Assert.Empty(await RolesOfAsync(contributor));

        var request = await Requests.SubmitAsync(Personas.Custom(contributor.Id, contributor.Name), new AccessRequestInput(PortalRoles.ModelsContributor, "Back on the churn team from January.", 90));
        await Requests.ApproveAsync(Personas.Support, request.Id, null);
        Assert.Equal([PortalRoles.ModelsContributor], await RolesOfAsync(contributor));
        Assert.Equal(0, await DbAsync(db => db.Set<RoleRemoval>().CountAsync(r => r.PersonId == contributor.Id && r.ClearedAtUtc == null)));
    }
}
