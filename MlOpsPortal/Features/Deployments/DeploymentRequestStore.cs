using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Deployments;

/// <summary>
/// What every service of this feature does the same way with a request: read it into a view (the registry's keys looked
/// up in one batch) and move it between states. Every state change is a conditional update (<c>WHERE State = …</c>)
/// committed with its audit event, so racing decisions give exactly one transition. Public only because the public
/// services take it in their constructors; it is no contract, and no other feature uses it.
/// </summary>
public sealed class DeploymentRequestStore(IDbContextFactory<PortalDbContext> dbFactory, RegistryKeys keys, DeploymentNotices notices, TimeProvider clock)
{
    /// <summary>The audit log's entity type of a request; its entity id is <see cref="Id"/>.</summary>
    public const string EntityType = nameof(DeploymentRequest);

    internal static readonly JsonSerializerOptions GateJson = new(JsonSerializerDefaults.Web);

    internal static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    internal static string Utc(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    internal static PortalConflictException AlreadyDecided(DeploymentRequest request) =>
        new($"Request {request.Id} was already decided by {request.StateChangedBy} at {Utc(request.StateChangedAtUtc)}: it is {request.State}.");

    internal async Task<DeploymentRequestView> ViewAsync(PortalDbContext db, int id, CancellationToken cancellationToken) =>
        (await ViewsAsync(db, [id], cancellationToken)).Single();

    /// <summary>The requests in the order of <paramref name="ids"/>; ids that do not exist are left out.</summary>
    internal async Task<IReadOnlyList<DeploymentRequestView>> ViewsAsync(PortalDbContext db, List<int> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var requests = await db.DeploymentRequests.AsNoTracking().Include(r => r.Approvals)
            .Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        // On this context's connection: decisions call this inside their transaction, which holds the request's row, and a
        // second connection waits for a pool that racing approvers of that request can fill while they wait for the row
        // (30 s stalls on PostgreSQL in ApprovalRaceAcrossInstancesTests). The environments are read once per process, then held.
        var versions = await RegistryKeys.VersionsAsync(db, [.. requests.Values.Select(r => r.ModelVersionId).Distinct()], cancellationToken);
        var environments = (await keys.EnvironmentsAsync(db, cancellationToken)).ToDictionary(e => e.Id, e => e.Key);
        return [.. ids.Where(requests.ContainsKey).Select(id =>
        {
            var r = requests[id];
            var version = versions[r.ModelVersionId];
            return new DeploymentRequestView(
                r.Id, r.State, version.ModelKey, version.Number, environments[r.EnvironmentId], r.RiskTier, r.RequiredApprovals, r.ApprovalCount, r.ApprovalRound,
                r.Justification, r.PlannedAtUtc, r.RequesterId, r.RequesterName, r.RegistrantId, r.RegistrantName, r.CreatedAtUtc,
                r.StateChangedBy, r.StateChangedAtUtc, r.DecisionComment, r.ApprovedAtUtc, r.ApprovalExpiresAtUtc, r.DeployedAtUtc, r.PipelineRunUrl,
                JsonSerializer.Deserialize<List<GateResult>>(r.GatesJson, GateJson) ?? [],
                [.. r.Approvals.OrderBy(a => a.Round).ThenBy(a => a.ApprovedAtUtc).Select(a => new ApprovalView(a.ApproverId, a.ApproverName, a.Round, a.Comment, a.ApprovedAtUtc))]);
        })];
    }

    /// <summary>
    /// One state change as a conditional update on the states it may leave, with its audit event (and the incident
    /// <paramref name="signal"/> it raises) in the same transaction. The loser of a race learns who decided first and when.
    /// </summary>
    internal async Task<DeploymentRequestView> TransitionAsync(
        AuditActor actor, int id, DeploymentState[] from, DeploymentState to, string action, string? comment, string? pipelineRunUrl,
        CancellationToken cancellationToken, DeploymentSignal? signal = null, bool notifyRequester = false)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.InTransactionAsync(async transaction =>
        {
            var stateChanges = to != DeploymentState.Approved || !from.Contains(DeploymentState.Approved);
            var changed = await db.DeploymentRequests.Where(r => r.Id == id && from.Contains(r.State)).ExecuteUpdateAsync(s =>
            {
                s.SetProperty(r => r.State, to);
                if (stateChanges)
                {
                    s.SetProperty(r => r.StateChangedAtUtc, now).SetProperty(r => r.StateChangedBy, actor.Name);
                }

                if (comment is not null)
                {
                    s.SetProperty(r => r.DecisionComment, comment);
                }

                if (pipelineRunUrl is not null)
                {
                    s.SetProperty(r => r.PipelineRunUrl, pipelineRunUrl);
                }

                if (to == DeploymentState.Deployed)
                {
                    s.SetProperty(r => r.DeployedAtUtc, now);
                }
            }, cancellationToken);
            var request = await db.DeploymentRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
                ?? throw new PortalNotFoundException($"There is no deployment request {id}.");
            if (changed == 0)
            {
                throw from.Length == 1 && from[0] == DeploymentState.Pending
                    ? AlreadyDecided(request)
                    : new PortalConflictException(
                        $"Request {id} is {request.State} (since {Utc(request.StateChangedAtUtc)}, by {request.StateChangedBy}); this needs it to be {string.Join(" or ", from)}.");
            }

            object? superseded = null;
            if (to == DeploymentState.Deployed)
            {
                // What ran in this environment before is replaced by this deployment.
                var previous = await db.DeploymentRequests
                    .Where(r => r.Id != id && r.ModelId == request.ModelId && r.EnvironmentId == request.EnvironmentId
                        && (r.State == DeploymentState.Deployed || r.State == DeploymentState.ReapprovalRequired))
                    .Select(r => r.Id).ToListAsync(cancellationToken);
                if (previous.Count > 0)
                {
                    await db.DeploymentRequests.Where(r => previous.Contains(r.Id)).ExecuteUpdateAsync(s => s
                        .SetProperty(r => r.State, DeploymentState.Superseded).SetProperty(r => r.StateChangedAtUtc, now)
                        .SetProperty(r => r.StateChangedBy, actor.Name), cancellationToken);
                    foreach (var old in previous)
                    {
                        db.AddAuditEvent(actor, "deployment-request.superseded", EntityType, Id(old), new { by = id, after = nameof(DeploymentState.Superseded) });
                    }

                    superseded = previous;
                }
            }

            if (signal is { } raised)
            {
                await DeploymentSignals.RaiseAsync(db, keys, request, raised, now, cancellationToken);
            }

            db.AddAuditEvent(actor, action, EntityType, Id(id), new
            {
                before = from.Length == 1 ? from[0].ToString() : string.Join("|", from), after = to.ToString(), comment, pipelineRunUrl, superseded,
            });
            if (notifyRequester)
            {
                await notices.DecidedAsync(db, await ViewAsync(db, id, cancellationToken), actor.Name, actor.Id, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return await ViewAsync(db, id, cancellationToken);
        }, cancellationToken);
    }
}
