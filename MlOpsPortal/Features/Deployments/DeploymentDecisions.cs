using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Infrastructure.Architecture;

namespace MlOpsPortal.Features.Deployments;

/// <summary>
/// Approvers' decisions: approve (counted per person and round, gates evaluated again), reject, and who may decide
/// what (maker-checker: neither the requester nor the version's registrant). Racing decisions give exactly one outcome.
/// </summary>
[FeatureContract]
public sealed class DeploymentDecisions(
    IDbContextFactory<PortalDbContext> dbFactory,
    IAuthorizationService authorization,
    DeploymentGates gates,
    CurrentGates currentGates,
    DeploymentRequestStore store,
    DeploymentWebhooks webhooks,
    DeploymentNotices notices,
    TimeProvider clock)
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
                throw DeploymentRequestStore.AlreadyDecided(request);
            }

            if (MakerCheckerProblem(actor.Id, request.RequesterId, request.RegistrantId) is { } problem)
            {
                throw new UnauthorizedAccessException(problem);
            }

            if (request.Approvals.FirstOrDefault(a => a.Round == request.ApprovalRound && a.ApproverId == actor.Id) is { } mine)
            {
                throw new PortalConflictException($"You already approved this request at {DeploymentRequestStore.Utc(mine.ApprovedAtUtc)}; each person counts once.");
            }

            var view = await store.ViewAsync(db, id, cancellationToken);
            var policy = await EnvironmentPolicies.PolicyAsync(db, request.EnvironmentId, cancellationToken);
            var evaluated = await gates.EvaluateAsync(view.Model, view.Version, request.ModelVersionId, view.Environment, policy, cancellationToken);
            var gatesJson = JsonSerializer.Serialize(evaluated, DeploymentRequestStore.GateJson);
            if (evaluated.Where(g => g.Blocking && !g.Passed).ToList() is { Count: > 0 } blocking)
            {
                await db.DeploymentRequests.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.GatesJson, gatesJson), cancellationToken);
                db.AddAuditEvent(actor, "deployment-request.gates-evaluated", DeploymentRequestStore.EntityType, DeploymentRequestStore.Id(id), new { decision = "approve refused", gates = evaluated });
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
            var done = await db.InTransactionAsync(async transaction =>
            {
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
                db.AddAuditEvent(actor, action, DeploymentRequestStore.EntityType, DeploymentRequestStore.Id(id), new
                {
                    before = seenState.ToString(), after = next.ToString(), approvals = $"{count} of {request.RequiredApprovals}", round, comment, gates = evaluated,
                    approvalExpiresAtUtc = completes ? expires : (DateTime?)null,
                });
                if (completes)
                {
                    await notices.DecidedAsync(db, await store.ViewAsync(db, id, cancellationToken), actor.Name, actor.Id, cancellationToken);
                }

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
            }, cancellationToken);
            if (!done)
            {
                // Someone else's approval or decision landed between reading and writing: look again.
                continue;
            }

            var after = await store.ViewAsync(db, id, cancellationToken);
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

        var view = await store.TransitionAsync(actor, id, [DeploymentState.Pending], DeploymentState.Rejected, "deployment-request.rejected", comment.Trim(), null,
            cancellationToken, notifyRequester: true);
        webhooks.Publish("rejected", view);
        return view;
    }

    /// <summary>What this person may decide now: awaiting a decision, not theirs to make-and-check, not yet approved by them, with the gates as they stand now.</summary>
    public async Task<IReadOnlyList<InboxItem>> InboxAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        (await InboxAsync(user, 0, int.MaxValue, cancellationToken)).Items;

    /// <summary>
    /// One page of the inbox, oldest first, with the total waiting: only the page's requests have their gates evaluated
    /// and what runs beside them read, each kind of data once for the page.
    /// </summary>
    public async Task<Page<InboxItem>> InboxAsync(ClaimsPrincipal user, int pageIndex, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        pageIndex = Math.Max(pageIndex, 0);
        pageSize = Math.Max(pageSize, 1);
        if (!await IsAllowedAsync(user, Policies.ApproveDeployments))
        {
            return new Page<InboxItem>([], 0, pageIndex, pageSize);
        }

        var me = AuditActor.From(user).Id;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var waiting = await db.DeploymentRequests.AsNoTracking()
            .Where(r => (r.State == DeploymentState.Pending || r.State == DeploymentState.ReapprovalRequired)
                && r.RequesterId != me && (r.RegistrantId == null || r.RegistrantId != me)
                && !r.Approvals.Any(a => a.Round == r.ApprovalRound && a.ApproverId == me))
            .OrderBy(r => r.CreatedAtUtc).ThenBy(r => r.Id).Select(r => new { r.Id, r.ModelId, r.EnvironmentId }).ToListAsync(cancellationToken);
        var page = waiting.Skip((int)Math.Min((long)pageIndex * pageSize, int.MaxValue)).Take(pageSize).ToList();
        var byId = page.ToDictionary(r => r.Id);
        // Evaluated now: evidence added since the request (a completed card) must not show as failing.
        var views = await currentGates.RefreshAsync(await store.ViewsAsync(db, [.. page.Select(r => r.Id)], cancellationToken), cancellationToken);
        // A deployment awaiting re-approval is itself what runs there, so it is not left out of the comparison.
        var deployedNow = await RunningDeployments.RunningVersionsAsync(
            db, [.. views.Select(v => (byId[v.Id].ModelId, byId[v.Id].EnvironmentId, v.State == DeploymentState.ReapprovalRequired ? (int?)null : v.Id))], cancellationToken);
        return new Page<InboxItem>([.. views.Zip(deployedNow, (view, now) => new InboxItem(view, now))], waiting.Count, pageIndex, pageSize);
    }

    /// <summary>Whether this person may approve this request, and if not, why; the UI shows the reason instead of a button.</summary>
    public async Task<string?> WhyCannotDecideAsync(ClaimsPrincipal user, DeploymentRequestView request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var me = AuditActor.From(user).Id;
        if (MakerCheckerProblem(me, request.RequesterId, request.RegistrantId) is { } problem)
        {
            return problem;
        }

        if (!await IsAllowedAsync(user, Policies.ApproveDeployments))
        {
            return "Only deployment approvers decide requests.";
        }

        return request.Approvals.Any(a => a.Round == request.ApprovalRound && a.ApproverId == me)
            ? "You have already approved this request; another approver must add theirs."
            : null;
    }

    internal static string? MakerCheckerProblem(string actorId, string requesterId, string? registrantId) =>
        actorId == requesterId ? "You requested this deployment, so someone else must decide it (maker-checker)."
        : actorId == registrantId ? "You registered this version, so someone else must decide it (maker-checker)."
        : null;

    private async Task<bool> IsAllowedAsync(ClaimsPrincipal user, string policy) => (await authorization.AuthorizeAsync(user, policy)).Succeeded;
}
