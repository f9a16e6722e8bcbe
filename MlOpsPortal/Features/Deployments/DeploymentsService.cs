using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Features.Notifications;
using MlOpsPortal.Features.Quality;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Deployments;

/// <summary>
/// Deployment requests, their approvals and gates, pipeline callbacks and periodic re-approval. Pages, the API and the
/// job all come here; every write checks the caller's rights again, and every state change is a conditional update
/// (<c>WHERE State = …</c>) committed with its audit event, so racing decisions give exactly one transition.
/// </summary>
public sealed partial class DeploymentsService(
    IDbContextFactory<PortalDbContext> dbFactory,
    IAuthorizationService authorization,
    ModelsService models,
    RegistryRules rules,
    QualityReports quality,
    AlertsService alerts,
    DeploymentWebhooks webhooks,
    NotificationsService notifications,
    TimeProvider clock)
{
    public const string EntityType = nameof(DeploymentRequest);
    public const int ExpiryWarningDays = 14;

    internal static readonly JsonSerializerOptions GateJson = new(JsonSerializerDefaults.Web);

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
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var environment = await db.Environments.AsNoTracking().SingleOrDefaultAsync(e => e.Key == input.Environment, cancellationToken);
        if (environment is null)
        {
            throw PortalValidationException.For("environment", $"'{input.Environment}' is not an environment. Use development, staging or production.");
        }

        var target = await db.ModelVersions.AsNoTracking()
            .Where(v => v.Model!.Key == input.Model && v.Number == input.Version)
            .Select(v => new { v.Id, v.ModelId, v.Number, v.CreatedBy, v.CreatedById, v.Model!.RiskTier })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new PortalNotFoundException($"Model '{input.Model}' has no version {input.Version}.");
        var policy = await PolicyAsync(db, environment.Id, cancellationToken);
        var gates = await EvaluateGatesAsync(input.Model!, target.Number, target.Id, environment.Key, policy, cancellationToken);
        var actor = AuditActor.From(user);
        var required = policy.ApprovalsFor(target.RiskTier);
        var request = new DeploymentRequest
        {
            ModelId = target.ModelId,
            ModelVersionId = target.Id,
            EnvironmentId = environment.Id,
            State = DeploymentState.Pending,
            RiskTier = target.RiskTier,
            RequiredApprovals = required,
            Justification = input.Justification!.Trim(),
            PlannedAtUtc = input.PlannedAt?.UtcDateTime,
            RequesterId = actor.Id,
            RequesterName = actor.Name,
            RegistrantId = target.CreatedById,
            RegistrantName = target.CreatedBy,
            CreatedAtUtc = now,
            StateChangedAtUtc = now,
            StateChangedBy = actor.Name,
            GatesJson = JsonSerializer.Serialize(gates, GateJson),
        };

        // An environment that asks for no approvals (development) approves at once when no blocking gate fails.
        var autoApprove = required == 0 && !gates.Any(g => g.Blocking && !g.Passed);
        if (autoApprove)
        {
            request.State = DeploymentState.Approved;
            request.ApprovedAtUtc = now;
            request.ApprovalExpiresAtUtc = now.AddDays(policy.ValidityDays);
        }

        // The request's id names its audit event, so both saves share one transaction: stored together or not at all.
        var strategy = db.Database.CreateExecutionStrategy();
        var view = await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            request.Id = 0;
            db.DeploymentRequests.Add(request);
            await db.SaveChangesAsync(cancellationToken);
            var created = await ViewAsync(db, request.Id, cancellationToken);
            db.AddAuditEvent(actor, "deployment-request.created", EntityType, Id(request.Id),
                new { after = Brief(created), gates, autoApproved = autoApprove });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return created;
        });
        webhooks.Publish("created", view);
        if (autoApprove)
        {
            webhooks.Publish("approved", view);
        }

        return view;
    }

    public async Task<DeploymentRequestView?> GetRequestAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.DeploymentRequests.AnyAsync(r => r.Id == id, cancellationToken) ? await ViewAsync(db, id, cancellationToken) : null;
    }

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
            requests = requests.Where(r => db.Models.Any(m => m.Id == r.ModelId && m.Key == query.Model));
        }

        if (!string.IsNullOrWhiteSpace(query.Environment))
        {
            requests = requests.Where(r => db.Environments.Any(e => e.Id == r.EnvironmentId && e.Key == query.Environment));
        }

        var ids = await requests.OrderByDescending(r => r.Id).Take(Math.Clamp(query.Take, 1, 1000)).Select(r => r.Id).ToListAsync(cancellationToken);
        return await ViewsAsync(db, ids, cancellationToken);
    }

    /// <summary>What this person may decide now: awaiting a decision, not theirs to make-and-check, not yet approved by them.</summary>
    public async Task<IReadOnlyList<InboxItem>> InboxAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!await IsAllowedAsync(user, Policies.ApproveDeployments))
        {
            return [];
        }

        var me = AuditActor.From(user).Id;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = await db.DeploymentRequests.AsNoTracking()
            .Where(r => (r.State == DeploymentState.Pending || r.State == DeploymentState.ReapprovalRequired)
                && r.RequesterId != me && (r.RegistrantId == null || r.RegistrantId != me)
                && !r.Approvals.Any(a => a.Round == r.ApprovalRound && a.ApproverId == me))
            .OrderBy(r => r.CreatedAtUtc).Select(r => r.Id).ToListAsync(cancellationToken);
        var items = new List<InboxItem>();
        foreach (var view in await ViewsAsync(db, ids, cancellationToken))
        {
            // A deployment awaiting re-approval is itself what runs there, so it is not left out of the comparison.
            var except = view.State == DeploymentState.ReapprovalRequired ? (int?)null : view.Id;
            items.Add(new InboxItem(view, await DeployedNowAsync(db, view.Model, view.Environment, except, cancellationToken)));
        }

        return items;
    }

    /// <summary>What runs in an environment now (Deployed, or Deployed whose approval lapsed), other than <paramref name="exceptId"/>.</summary>
    public async Task<DeploymentRequestView?> DeployedNowAsync(string modelKey, string environmentKey, int? exceptId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await DeployedNowAsync(db, modelKey, environmentKey, exceptId, cancellationToken);
    }

    /// <summary>Every request of a model, newest first, for its deployments tab and lineage.</summary>
    public Task<IReadOnlyList<DeploymentRequestView>> ForModelAsync(string modelKey, CancellationToken cancellationToken = default) =>
        ListRequestsAsync(new DeploymentQuery { Model = modelKey }, cancellationToken);

    public async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var key = Id(id);
        return await db.AuditEvents.AsNoTracking()
            .Where(e => e.EntityType == EntityType && e.EntityId == key)
            .OrderBy(e => e.Sequence)
            .Select(e => new TimelineEntry(e.OccurredAtUtc, e.ActorName, e.Action, e.Details ?? string.Empty))
            .ToListAsync(cancellationToken);
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

    private static async Task<DeploymentRequestView?> DeployedNowAsync(PortalDbContext db, string modelKey, string environmentKey, int? exceptId, CancellationToken cancellationToken)
    {
        var id = await db.DeploymentRequests.AsNoTracking()
            .Where(r => (r.State == DeploymentState.Deployed || r.State == DeploymentState.ReapprovalRequired) && r.DeployedAtUtc != null
                && r.Id != exceptId
                && db.Models.Any(m => m.Id == r.ModelId && m.Key == modelKey)
                && db.Environments.Any(e => e.Id == r.EnvironmentId && e.Key == environmentKey))
            .OrderByDescending(r => r.DeployedAtUtc).Select(r => (int?)r.Id).FirstOrDefaultAsync(cancellationToken);
        return id is { } found ? await ViewAsync(db, found, cancellationToken) : null;
    }

    internal static async Task<EnvironmentPolicy> PolicyAsync(PortalDbContext db, int environmentId, CancellationToken cancellationToken) =>
        await db.EnvironmentPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.EnvironmentId == environmentId, cancellationToken)
        ?? throw new InvalidOperationException($"Environment {environmentId} has no deployment policy.");

    private static async Task<DeploymentRequestView> ViewAsync(PortalDbContext db, int id, CancellationToken cancellationToken) =>
        (await ViewsAsync(db, [id], cancellationToken)).Single();

    private static async Task<IReadOnlyList<DeploymentRequestView>> ViewsAsync(PortalDbContext db, List<int> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var rows = await db.DeploymentRequests.AsNoTracking().Include(r => r.Approvals)
            .Where(r => ids.Contains(r.Id))
            .Select(r => new
            {
                Request = r,
                Model = db.Models.Where(m => m.Id == r.ModelId).Select(m => m.Key).First(),
                Version = db.ModelVersions.Where(v => v.Id == r.ModelVersionId).Select(v => v.Number).First(),
                Environment = db.Environments.Where(e => e.Id == r.EnvironmentId).Select(e => e.Key).First(),
            })
            .ToListAsync(cancellationToken);
        var byId = rows.ToDictionary(r => r.Request.Id);
        return [.. ids.Where(byId.ContainsKey).Select(id =>
        {
            var row = byId[id];
            var r = row.Request;
            return new DeploymentRequestView(
                r.Id, r.State, row.Model, row.Version, row.Environment, r.RiskTier, r.RequiredApprovals, r.ApprovalCount, r.ApprovalRound,
                r.Justification, r.PlannedAtUtc, r.RequesterId, r.RequesterName, r.RegistrantId, r.RegistrantName, r.CreatedAtUtc,
                r.StateChangedBy, r.StateChangedAtUtc, r.DecisionComment, r.ApprovedAtUtc, r.ApprovalExpiresAtUtc, r.DeployedAtUtc, r.PipelineRunUrl,
                JsonSerializer.Deserialize<List<GateResult>>(r.GatesJson, GateJson) ?? [],
                [.. r.Approvals.OrderBy(a => a.Round).ThenBy(a => a.ApprovedAtUtc).Select(a => new ApprovalView(a.ApproverId, a.ApproverName, a.Round, a.Comment, a.ApprovedAtUtc))]);
        })];
    }

    /// <summary>What an audit event records of a request: enough to read the story without the gates repeated.</summary>
    private static object Brief(DeploymentRequestView v) => new
    {
        v.Id, state = v.State.ToString(), v.Model, v.Version, v.Environment, riskTier = v.RiskTier.ToString(), v.RequiredApprovals,
        v.ApprovalCount, v.ApprovalRound, v.ApprovalExpiresAtUtc, v.PipelineRunUrl,
    };

    internal static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<bool> IsAllowedAsync(ClaimsPrincipal user, string policy) => (await authorization.AuthorizeAsync(user, policy)).Succeeded;
}
