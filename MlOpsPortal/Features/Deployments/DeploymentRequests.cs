using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Infrastructure.Architecture;

namespace MlOpsPortal.Features.Deployments;

/// <summary>
/// A deployment request's life outside its approval: made with its gates evaluated, read, listed, withdrawn, and moved
/// on by the pipeline's callbacks. Pages and the API both come here; every write checks the caller's rights again.
/// </summary>
[FeatureContract]
public sealed class DeploymentRequests(
    IDbContextFactory<PortalDbContext> dbFactory,
    IAuthorizationService authorization,
    RegistryKeys keys,
    DeploymentGates gates,
    CurrentGates currentGates,
    DeploymentRequestStore store,
    DeploymentWebhooks webhooks,
    DeploymentNotices notices,
    TimeProvider clock)
{
    public async Task<DeploymentRequestView> CreateRequestAsync(ClaimsPrincipal user, DeploymentRequestInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await authorization.EnsureAsync(user, Policies.WriteRegistry);
        var errors = new FieldErrors();
        errors.Required("model", input.Model, "Model");
        errors.Identifier("model", input.Model, "Model");
        errors.Identifier("environment", input.Environment, "Environment");
        if (input.Version is not > 0)
        {
            errors.Add("version", "Version is required: the number of a registered version (1, 2, 3…).");
        }

        errors.Required("environment", input.Environment, "Environment");
        errors.Required("justification", input.Justification, "Justification");
        errors.MaxLength("justification", input.Justification?.Trim(), 4000, "Justification");
        var now = clock.GetUtcNow().UtcDateTime;
        if (input.PlannedAt is { } planned && planned.UtcDateTime < now.AddDays(-1))
        {
            errors.Add("plannedAt", "The planned date cannot lie in the past.");
        }

        errors.ThrowIfAny();
        var environment = await keys.EnvironmentAsync(input.Environment!, cancellationToken)
            ?? throw PortalValidationException.For("environment", await keys.UnknownEnvironmentMessageAsync(input.Environment, cancellationToken));
        var target = await keys.VersionAsync(input.Model!, input.Version, cancellationToken)
            ?? throw new PortalNotFoundException($"Model '{input.Model}' has no version {input.Version}.");
        var riskTier = (await keys.ModelAsync(target.ModelKey, cancellationToken))!.RiskTier;
        var registrant = (await keys.RegistrantAsync(target.VersionId, cancellationToken))!;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var policy = await EnvironmentPolicies.PolicyAsync(db, environment.Id, cancellationToken);
        var evaluated = await gates.EvaluateAsync(target.ModelKey, target.Number, target.VersionId, environment.Key, policy, cancellationToken);
        var actor = AuditActor.From(user);
        var required = policy.ApprovalsFor(riskTier);
        var request = new DeploymentRequest
        {
            ModelId = target.ModelId,
            ModelVersionId = target.VersionId,
            EnvironmentId = environment.Id,
            State = DeploymentState.Pending,
            RiskTier = riskTier,
            RequiredApprovals = required,
            Justification = input.Justification!.Trim(),
            PlannedAtUtc = input.PlannedAt?.UtcDateTime,
            RequesterId = actor.Id,
            RequesterName = actor.Name,
            RegistrantId = registrant.ActorId,
            RegistrantName = registrant.Name,
            CreatedAtUtc = now,
            StateChangedAtUtc = now,
            StateChangedBy = actor.Name,
            GatesJson = JsonSerializer.Serialize(evaluated, DeploymentRequestStore.GateJson),
        };

        // An environment that asks for no approvals (development) approves at once when no blocking gate fails.
        var autoApprove = required == 0 && !evaluated.Any(g => g.Blocking && !g.Passed);
        if (autoApprove)
        {
            request.State = DeploymentState.Approved;
            request.ApprovedAtUtc = now;
            request.ApprovalExpiresAtUtc = now.AddDays(policy.ValidityDays);
        }

        // The request's id names its audit event, so both saves share one transaction: stored together or not at all.
        var view = await db.InTransactionAsync(async transaction =>
        {
            request.Id = 0;
            db.DeploymentRequests.Add(request);
            await db.SaveChangesAsync(cancellationToken);
            var created = await store.ViewAsync(db, request.Id, cancellationToken);
            db.AddAuditEvent(actor, "deployment-request.created", DeploymentRequestStore.EntityType, DeploymentRequestStore.Id(request.Id),
                new { after = Brief(created), gates = evaluated, autoApproved = autoApprove });
            if (created.State == DeploymentState.Pending)
            {
                await notices.NewRequestAsync(db, created, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return created;
        }, cancellationToken);
        webhooks.Publish("created", view);
        if (autoApprove)
        {
            webhooks.Publish("approved", view);
        }

        return view;
    }

    /// <summary>One request; while it awaits a decision, its gates as the evidence stands now (<see cref="CurrentGates"/>).</summary>
    public async Task<DeploymentRequestView?> GetRequestAsync(int id, CancellationToken cancellationToken = default)
    {
        DeploymentRequestView stored;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.DeploymentRequests.AnyAsync(r => r.Id == id, cancellationToken))
            {
                return null;
            }

            stored = await store.ViewAsync(db, id, cancellationToken);
        }

        return await currentGates.RefreshAsync(stored, cancellationToken);
    }

    /// <summary>Newest first. A model or environment no one knows matches no request.</summary>
    public async Task<IReadOnlyList<DeploymentRequestView>> ListRequestsAsync(DeploymentQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var requests = db.DeploymentRequests.AsNoTracking();
        if (query.State is { } state)
        {
            requests = requests.Where(r => r.State == state);
        }

        if (!string.IsNullOrWhiteSpace(query.Model))
        {
            if (await keys.ModelIdAsync(query.Model, cancellationToken) is not { } modelId)
            {
                return [];
            }

            requests = requests.Where(r => r.ModelId == modelId);
        }

        if (!string.IsNullOrWhiteSpace(query.Environment))
        {
            if (await keys.EnvironmentAsync(query.Environment, cancellationToken) is not { } environment)
            {
                return [];
            }

            requests = requests.Where(r => r.EnvironmentId == environment.Id);
        }

        var ids = await requests.OrderByDescending(r => r.Id).Take(Math.Clamp(query.Take, 1, 1000)).Select(r => r.Id).ToListAsync(cancellationToken);
        return await store.ViewsAsync(db, ids, cancellationToken);
    }

    /// <summary>Every request of a model, newest first, for its deployments tab and lineage.</summary>
    public Task<IReadOnlyList<DeploymentRequestView>> ForModelAsync(string modelKey, CancellationToken cancellationToken = default) =>
        ListRequestsAsync(new DeploymentQuery { Model = modelKey }, cancellationToken);

    public async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var key = DeploymentRequestStore.Id(id);
        return await db.AuditEvents.AsNoTracking()
            .Where(e => e.EntityType == DeploymentRequestStore.EntityType && e.EntityId == key)
            .OrderBy(e => e.Sequence)
            .Select(e => new TimelineEntry(e.OccurredAtUtc, e.ActorName, e.Action, e.Details ?? string.Empty))
            .ToListAsync(cancellationToken);
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
            if (request.RequesterId != actor.Id && !(await authorization.AuthorizeAsync(user, Policies.Admin)).Succeeded)
            {
                throw new UnauthorizedAccessException("Only the person who requested a deployment (or an administrator) can withdraw it.");
            }
        }

        return await store.TransitionAsync(actor, id, [DeploymentState.Pending], DeploymentState.Withdrawn, "deployment-request.withdrawn", null, null, cancellationToken);
    }

    /// <summary>The pipeline reports the deployment done: Approved → Deployed, and what ran there before is Superseded.</summary>
    public async Task<DeploymentRequestView> MarkDeployedAsync(ClaimsPrincipal user, int id, PipelineCallbackInput input, CancellationToken cancellationToken = default)
    {
        var url = await CallbackUrlAsync(user, input);
        var view = await store.TransitionAsync(AuditActor.From(user), id, [DeploymentState.Approved], DeploymentState.Deployed, "deployment-request.deployed", null, url, cancellationToken, DeploymentSignal.Deployed);
        webhooks.Publish("deployed", view);
        return view;
    }

    /// <summary>The pipeline failed to deploy: recorded, the request stays Approved so the pipeline may try again.</summary>
    public async Task<DeploymentRequestView> MarkFailedAsync(ClaimsPrincipal user, int id, PipelineCallbackInput input, CancellationToken cancellationToken = default)
    {
        var url = await CallbackUrlAsync(user, input);
        return await store.TransitionAsync(AuditActor.From(user), id, [DeploymentState.Approved], DeploymentState.Approved, "deployment-request.deployment-failed", null, url, cancellationToken, DeploymentSignal.Failed);
    }

    public async Task<DeploymentRequestView> MarkRolledBackAsync(ClaimsPrincipal user, int id, PipelineCallbackInput input, CancellationToken cancellationToken = default)
    {
        var url = await CallbackUrlAsync(user, input);
        return await store.TransitionAsync(AuditActor.From(user), id, [DeploymentState.Deployed, DeploymentState.ReapprovalRequired], DeploymentState.RolledBack,
            "deployment-request.rolled-back", null, url, cancellationToken, DeploymentSignal.RolledBack);
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

    /// <summary>What an audit event records of a request: enough to read the story without the gates repeated.</summary>
    private static object Brief(DeploymentRequestView v) => new
    {
        v.Id, state = v.State.ToString(), v.Model, v.Version, v.Environment, riskTier = v.RiskTier.ToString(), v.RequiredApprovals,
        v.ApprovalCount, v.ApprovalRound, v.ApprovalExpiresAtUtc, v.PipelineRunUrl,
    };
}
