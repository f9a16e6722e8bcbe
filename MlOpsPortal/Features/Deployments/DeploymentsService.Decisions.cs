using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Deployments;

public sealed partial class DeploymentsService
{
    public const string MakerCheckerTriggerMessage = "Maker-checker";

    /// <summary>
    /// Records one approval. The approval that reaches the required count moves Pending to Approved (or, in a
    /// re-approval round, ReapprovalRequired back to Deployed). The count is bumped by a conditional update on the
    /// count the caller saw, so racing approvals serialise: each person counts once and exactly one of them completes.
    /// </summary>
    public async Task<DeploymentRequestView> ApproveAsync(ClaimsPrincipal user, int id, string? comment, CancellationToken cancellationToken = default)
    {
        await authorization.EnsureAsync(user, Policies.ApproveDeployments);
        var actor = AuditActor.From(user);
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (comment?.Length > 4000)
        {
            throw PortalValidationException.For("comment", "A comment has at most 4,000 characters.");
        }

        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var request = await db.DeploymentRequests.AsNoTracking().Include(r => r.Approvals).SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
                ?? throw new PortalNotFoundException($"There is no deployment request {id}.");
            if (request.State is not (DeploymentState.Pending or DeploymentState.ReapprovalRequired))
            {
                throw AlreadyDecided(request);
            }

            if (MakerCheckerProblem(actor.Id, request.RequesterId, request.RegistrantId) is { } problem)
            {
                throw new UnauthorizedAccessException(problem);
            }

            if (request.Approvals.FirstOrDefault(a => a.Round == request.ApprovalRound && a.ApproverId == actor.Id) is { } mine)
            {
                throw new PortalConflictException($"You already approved this request at {Utc(mine.ApprovedAtUtc)}; each person counts once.");
            }

            var view = await ViewAsync(db, id, cancellationToken);
            var policy = await PolicyAsync(db, request.EnvironmentId, cancellationToken);
            var gates = await EvaluateGatesAsync(view.Model, view.Version, request.ModelVersionId, view.Environment, policy, cancellationToken);
            var gatesJson = JsonSerializer.Serialize(gates, GateJson);
            if (gates.Where(g => g.Blocking && !g.Passed).ToList() is { Count: > 0 } blocking)
            {
                await db.DeploymentRequests.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.GatesJson, gatesJson), cancellationToken);
                db.AddAuditEvent(actor, "deployment-request.gates-evaluated", EntityType, Id(id), new { decision = "approve refused", gates });
                await db.SaveChangesAsync(cancellationToken);
                throw new PortalConflictException("Blocking gates fail, so this request cannot be approved: " +
                    string.Join(" ", blocking.Select(g => $"{g.Name}: {g.Reason}")));
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var count = request.ApprovalCount + 1;
            var completes = count >= request.RequiredApprovals;
            var next = !completes ? request.State : request.State == DeploymentState.Pending ? DeploymentState.Approved : DeploymentState.Deployed;
            var expires = now.AddDays(policy.ValidityDays);
            var (seenState, seenCount, round) = (request.State, request.ApprovalCount, request.ApprovalRound);
            var strategy = db.Database.CreateExecutionStrategy();
            var done = await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var changed = await db.DeploymentRequests
                    .Where(r => r.Id == id && r.State == seenState && r.ApprovalCount == seenCount && r.ApprovalRound == round)
                    .ExecuteUpdateAsync(s =>
                    {
                        s.SetProperty(r => r.ApprovalCount, count).SetProperty(r => r.GatesJson, gatesJson);
                        if (completes)
                        {
                            s.SetProperty(r => r.State, next).SetProperty(r => r.StateChangedAtUtc, now).SetProperty(r => r.StateChangedBy, actor.Name)
                                .SetProperty(r => r.ApprovedAtUtc, now).SetProperty(r => r.ApprovalExpiresAtUtc, expires);
                        }
                    }, cancellationToken);
                if (changed == 0)
                {
                    return false;
                }

                db.DeploymentApprovals.Add(new DeploymentApproval
                {
                    RequestId = id, Round = round, ApproverId = actor.Id, ApproverName = actor.Name, Comment = comment, ApprovedAtUtc = now,
                });
                var action = !completes ? "deployment-request.approval-recorded" : next == DeploymentState.Approved ? "deployment-request.approved" : "deployment-request.reapproved";
                db.AddAuditEvent(actor, action, EntityType, Id(id), new
                {
                    before = seenState.ToString(), after = next.ToString(), approvals = $"{count} of {request.RequiredApprovals}", round, comment, gates,
                    approvalExpiresAtUtc = completes ? expires : (DateTime?)null,
                });
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException ex) when (ex.InnerException?.Message.Contains(MakerCheckerTriggerMessage, StringComparison.Ordinal) == true)
                {
                    throw new UnauthorizedAccessException("The database refused this approval: the requester and the version's registrant cannot approve it (maker-checker).");
                }

                await transaction.CommitAsync(cancellationToken);
                return true;
            });
            if (!done)
            {
                // Someone else's approval or decision landed between reading and writing: look again.
                continue;
            }

            var after = await ViewAsync(db, id, cancellationToken);
            if (completes)
            {
                webhooks.Publish("approved", after);
            }

            return after;
        }
    }

    /// <summary>A rejection ends the request and must say why.</summary>
    public async Task<DeploymentRequestView> RejectAsync(ClaimsPrincipal user, int id, string? comment, CancellationToken cancellationToken = default)
    {
        await authorization.EnsureAsync(user, Policies.ApproveDeployments);
        if (string.IsNullOrWhiteSpace(comment))
        {
            throw PortalValidationException.For("comment", "A rejection needs a comment saying what must change.");
        }

        var actor = AuditActor.From(user);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var request = await db.DeploymentRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
                ?? throw new PortalNotFoundException($"There is no deployment request {id}.");
            if (request.State == DeploymentState.Pending && MakerCheckerProblem(actor.Id, request.RequesterId, request.RegistrantId) is { } problem)
            {
                throw new UnauthorizedAccessException(problem + " To take it back, withdraw it.");
            }
        }

        var view = await TransitionAsync(actor, id, [DeploymentState.Pending], DeploymentState.Rejected, "deployment-request.rejected", comment.Trim(), null, cancellationToken);
        webhooks.Publish("rejected", view);
        return view;
    }

    /// <summary>The requester (or an admin) takes a pending request back.</summary>
    public async Task<DeploymentRequestView> WithdrawAsync(ClaimsPrincipal user, int id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var actor = AuditActor.From(user);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var request = await db.DeploymentRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
                ?? throw new PortalNotFoundException($"There is no deployment request {id}.");
            if (request.RequesterId != actor.Id && !await IsAllowedAsync(user, Policies.Admin))
            {
                throw new UnauthorizedAccessException("Only the person who requested a deployment (or an administrator) can withdraw it.");
            }
        }

        return await TransitionAsync(actor, id, [DeploymentState.Pending], DeploymentState.Withdrawn, "deployment-request.withdrawn", null, null, cancellationToken);
    }

    /// <summary>The pipeline reports the deployment done: Approved → Deployed, and what ran there before is Superseded.</summary>
    public async Task<DeploymentRequestView> MarkDeployedAsync(ClaimsPrincipal user, int id, PipelineCallbackInput input, CancellationToken cancellationToken = default)
    {
        var url = await CallbackUrlAsync(user, input);
        var view = await TransitionAsync(AuditActor.From(user), id, [DeploymentState.Approved], DeploymentState.Deployed, "deployment-request.deployed", null, url, cancellationToken);
        webhooks.Publish("deployed", view);
        return view;
    }

    /// <summary>The pipeline failed to deploy: recorded, the request stays Approved so the pipeline may try again.</summary>
    public async Task<DeploymentRequestView> MarkFailedAsync(ClaimsPrincipal user, int id, PipelineCallbackInput input, CancellationToken cancellationToken = default)
    {
        var url = await CallbackUrlAsync(user, input);
        return await TransitionAsync(AuditActor.From(user), id, [DeploymentState.Approved], DeploymentState.Approved, "deployment-request.deployment-failed", null, url, cancellationToken);
    }

    public async Task<DeploymentRequestView> MarkRolledBackAsync(ClaimsPrincipal user, int id, PipelineCallbackInput input, CancellationToken cancellationToken = default)
    {
        var url = await CallbackUrlAsync(user, input);
        return await TransitionAsync(AuditActor.From(user), id, [DeploymentState.Deployed, DeploymentState.ReapprovalRequired], DeploymentState.RolledBack,
            "deployment-request.rolled-back", null, url, cancellationToken);
    }

    private async Task<string?> CallbackUrlAsync(ClaimsPrincipal user, PipelineCallbackInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await authorization.EnsureAsync(user, Policies.WriteRegistry);
        var errors = new FieldErrors();
        errors.AbsoluteUri("pipelineRunUrl", input.PipelineRunUrl, "Pipeline run URL", FieldErrors.WebSchemes);
        errors.MaxLength("pipelineRunUrl", input.PipelineRunUrl, 2000, "Pipeline run URL");
        errors.ThrowIfAny();
        return string.IsNullOrWhiteSpace(input.PipelineRunUrl) ? null : input.PipelineRunUrl.Trim();
    }

    /// <summary>
    /// One state change as a conditional update on the states it may leave, with its audit event in the same
    /// transaction. The loser of a race learns who decided first and when.
    /// </summary>
    internal async Task<DeploymentRequestView> TransitionAsync(
        AuditActor actor, int id, DeploymentState[] from, DeploymentState to, string action, string? comment, string? pipelineRunUrl,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
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

            db.AddAuditEvent(actor, action, EntityType, Id(id), new
            {
                before = from.Length == 1 ? from[0].ToString() : string.Join("|", from), after = to.ToString(), comment, pipelineRunUrl, superseded,
            });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return await ViewAsync(db, id, cancellationToken);
        });
    }

    private static PortalConflictException AlreadyDecided(DeploymentRequest request) =>
        new($"Request {request.Id} was already decided by {request.StateChangedBy} at {Utc(request.StateChangedAtUtc)}: it is {request.State}.");

    private static string Utc(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
}
