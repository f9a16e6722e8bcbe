using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Tests.Features.Deployments;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Infrastructure.ScaleOut;

/// <summary>
/// Two approvers pressing Approve on one request at once, their requests spread over both instances: the conditional
/// update in the shared database lets exactly one decision through, whichever instance carried it.
/// </summary>
public sealed class ApprovalRaceAcrossInstancesTests : IDisposable
{
    private readonly TwoPortals portals = new(onPostgreSql: true);

    public void Dispose() => portals.Dispose();

    [Fact]
    public async Task Fifty_approvals_racing_across_two_instances_make_one_transition_and_one_audit_event()
    {
        await DeploymentsTestContext.RegisterApprovableAsync(portals.A.Services, "churn-model", RiskTier.Medium, Personas.Contributor);
        var request = await DeploymentsTestContext.RequestAsync(portals.A.Services, "churn-model");
        var clients = new[] { portals.A, portals.B }
            .SelectMany(app => new[] { app.CreateClientAs(Personas.Approver), app.CreateClientAs(Personas.SecondApprover) }).ToArray();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var attempts = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            await start.Task;
            using var response = await clients[i % clients.Length].PostJsonAsync($"/api/v1/deployment-requests/{request.Id}/approve", new { comment = $"attempt {i}" });
            return response.StatusCode;
        })).ToList();
        start.SetResult();
        var results = await Task.WhenAll(attempts).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Single(results, r => r == HttpStatusCode.OK);
        Assert.All(results.Where(r => r != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r));
        var id = request.Id.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(DeploymentState.Approved, await portals.B.QueryAsync(db => db.DeploymentRequests.Where(r => r.Id == request.Id).Select(r => r.State).SingleAsync()));
        Assert.Equal(1, await portals.B.QueryAsync(db => db.DeploymentApprovals.CountAsync()));
        Assert.Equal(1, await portals.B.QueryAsync(db => db.AuditEvents.CountAsync(e =>
            e.EntityType == DeploymentRequestStore.EntityType && e.EntityId == id && e.Action == "deployment-request.approved")));
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }
}
