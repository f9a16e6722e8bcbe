using MlOpsPortal.Infrastructure.Auth;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Deployments;

public sealed class MakerCheckerTests() : DeploymentsTestContext(overHttp: true)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // Registered by an administrator, who could otherwise approve: the registrant rule must stop them.
        await RegisterAsync("admin-model", RiskTier.Medium, Personas.Admin);
    }

    [Fact]
    public async Task The_requester_cannot_approve_their_own_request()
    {
        var request = await RequestAsync("churn-model", "staging", Personas.Admin);

        var refused = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Decisions.ApproveAsync(Personas.Admin, request.Id, null));

        Assert.Contains("You requested this deployment", refused.Message, StringComparison.Ordinal);
        Assert.Equal(DeploymentState.Pending, (await Requests.GetRequestAsync(request.Id))!.State);
        Assert.Equal(0, await DbAsync(db => db.DeploymentApprovals.CountAsync()));
    }

    [Fact]
    public async Task Whoever_registered_the_version_cannot_approve_it()
    {
        var request = await RequestAsync("admin-model", "staging", Personas.Contributor);
        Assert.Equal("dev-admin", request.RegistrantId);

        var refused = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Decisions.ApproveAsync(Personas.Admin, request.Id, null));

        Assert.Contains("You registered this version", refused.Message, StringComparison.Ordinal);
        Assert.Equal(DeploymentState.Approved, (await Decisions.ApproveAsync(Personas.Approver, request.Id, null)).State);
    }

    [Fact]
    public async Task The_database_refuses_an_approval_by_the_requester_or_registrant_written_with_plain_sql()
    {
        var request = await RequestAsync("admin-model", "staging", Personas.Contributor);

        foreach (var forged in new[] { "dev-contributor", "dev-admin" })
        {
            var failure = await Assert.ThrowsAnyAsync<Exception>(() => DbAsync(db => db.Database.ExecuteSqlAsync(
                $"INSERT INTO DeploymentApprovals (RequestId, Round, ApproverId, ApproverName, ApprovedAtUtc) VALUES ({request.Id}, 1, {forged}, 'Forger', '2026-11-01 10:00:00')")));
            Assert.IsType<SqliteException>(failure);
            Assert.Contains("Maker-checker", failure.Message, StringComparison.Ordinal);
        }

        // Someone else is fine, and each person counts once.
        await DbAsync(db => db.Database.ExecuteSqlAsync(
            $"INSERT INTO DeploymentApprovals (RequestId, Round, ApproverId, ApproverName, ApprovedAtUtc) VALUES ({request.Id}, 1, 'dev-approver', 'Arun', '2026-11-01 10:00:00')"));
        var twice = await Assert.ThrowsAsync<SqliteException>(() => DbAsync(db => db.Database.ExecuteSqlAsync(
            $"INSERT INTO DeploymentApprovals (RequestId, Round, ApproverId, ApproverName, ApprovedAtUtc) VALUES ({request.Id}, 1, 'dev-approver', 'Arun', '2026-11-01 10:00:01')")));
        Assert.Contains("UNIQUE", twice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Through_the_api_the_requester_is_refused_with_403_and_an_approver_is_not()
    {
        var request = await RequestAsync("churn-model", "staging", Personas.Admin);
        using var admin = App.CreateClientAs(Personas.Admin);
        using var approver = App.CreateClientAs(Personas.Approver);
        using var contributor = App.CreateClientAs(Personas.Contributor);

        var own = await admin.PostJsonAsync($"/api/v1/deployment-requests/{request.Id}/approve", new { comment = "mine" });
        var problem = await own.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("maker-checker", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var refused = await (await contributor.PostJsonAsync($"/api/v1/deployment-requests/{request.Id}/approve", new { })).ProblemAsync(HttpStatusCode.Forbidden);
        // The refusal names the role that approves, not the contributor's own write scope.
        Assert.Contains(PortalRoles.DeploymentsApprover, refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(PortalRoles.RegistryWrite, refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var ok = await approver.PostJsonAsync($"/api/v1/deployment-requests/{request.Id}/approve", new { comment = "Evidence reviewed." });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("Approved", (await ok.JsonAsync())["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task High_risk_in_production_needs_two_distinct_approvers_and_each_counts_once()
    {
        var request = await RequestAsync("fraud-model", "production");
        Assert.Equal(2, request.RequiredApprovals);

        var first = await Decisions.ApproveAsync(Personas.Approver, request.Id, "Looks right.");
        Assert.Equal(DeploymentState.Pending, first.State);
        Assert.Equal(1, first.ApprovalCount);

        var again = await Assert.ThrowsAsync<PortalConflictException>(() => Decisions.ApproveAsync(Personas.Approver, request.Id, "Me again."));
        Assert.Contains("each person counts once", again.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await Requests.GetRequestAsync(request.Id))!.ApprovalCount);

        var second = await Decisions.ApproveAsync(Personas.SecondApprover, request.Id, "Agreed.");
        Assert.Equal(DeploymentState.Approved, second.State);
        Assert.Equal(["Arun Approver", "Bo Checker"], second.Approvals.Select(a => a.ApproverName));
        Assert.Equal(Clock.GetUtcNow().UtcDateTime.AddDays(90), second.ApprovalExpiresAtUtc);
        Assert.Equal(1, await AuditCountAsync(request.Id, "deployment-request.approval-recorded"));
        Assert.Equal(1, await AuditCountAsync(request.Id, "deployment-request.approved"));
    }

    [Fact]
    public async Task The_inbox_holds_only_what_this_approver_may_decide()
    {
        var byAda = await RequestAsync("churn-model", "staging", Personas.Admin);
        var byDana = await RequestAsync("fraud-model", "production", Personas.Contributor);
        await Decisions.ApproveAsync(Personas.Approver, byDana.Id, null);

        Assert.Equal([byDana.Id], (await Decisions.InboxAsync(Personas.Admin)).Select(i => i.Request.Id));
        Assert.Equal([byAda.Id], (await Decisions.InboxAsync(Personas.Approver)).Select(i => i.Request.Id));
        Assert.Equal([byAda.Id, byDana.Id], (await Decisions.InboxAsync(Personas.SecondApprover)).Select(i => i.Request.Id));
        Assert.Empty(await Decisions.InboxAsync(Personas.Contributor));
    }
}
