using System.Globalization;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Quality;

namespace MlOpsPortal.Features.Access;

/// <summary>
/// The sentences of every action the portal writes from Access down (sign-in, registry, quality, monitoring, deployments,
/// incidents, access). An action added to a feature reads generically ("recorded “x.y” on …") until it is listed here.
/// </summary>
public sealed class PortalAuditVocabulary : IAuditVocabulary
{
    public IReadOnlyList<AuditFamily> Families { get; } =
    [
        new("sign-in", "Sign-in and refused access (auth.*)", ["auth"]),
        new("registry", "Registry (model.*, dataset.*, …)", ["model", "model-version", "model-card", "dataset", "dataset-version", "ci-evidence", "registry-settings"]),
        new("deployments", "Deployments (deployment-request.*, …)", ["deployment-request", "deployment-webhook", "environment-policy"]),
        new("quality", "Quality (quality-*.*)", ["quality-run", "quality-report", "quality-sample", "quality-suite"]),
        new("monitoring", "Monitoring (alert-rule.*, alertmanager.*)", ["alert-rule", "alertmanager"]),
        new("incidents", "Incidents (incident.*)", ["incident", "incident-settings"]),
        new("access", "Access (access.*, access-review.*, api-key.*)", ["access", "access-review", "api-key"]),
        new("audit", "Audit log (audit.*)", ["audit"]),
    ];

    public IReadOnlyList<AuditPhrase> Phrases { get; } =
    [
        new("auth.sign-in", "signed in"),
        new("auth.sign-out", "signed out"),
        new("auth.access-denied", "was refused {thing}"),
        new("audit.triggers-recreated", "recreated {thing}"),
        new(AuditExport.ExportedAction, "exported {rows} events of {thing} as CSV"),

        new("model.created", "registered {thing}"),
        new("model.updated", "updated {thing}"),
        new("model-version.registered", "registered {thing}"),
        new("model-card.updated", "updated the model card of {thing}"),
        new("dataset.created", "registered {thing}"),
        new("dataset-version.registered", "registered {thing}"),
        new("ci-evidence.recorded", "recorded CI evidence for {thing}"),
        new("registry-settings.updated", "changed {thing}"),

        new("deployment-request.created", "raised {thing}"),
        new("deployment-request.approval-recorded", "gave one approval ({approvals}) to {thing}"),
        new("deployment-request.approved", "approved {thing}"),
        new("deployment-request.reapproved", "re-approved {thing}"),
        new("deployment-request.rejected", "rejected {thing}"),
        new("deployment-request.withdrawn", "withdrew {thing}"),
        new("deployment-request.deployed", "reported {thing} deployed"),
        new("deployment-request.deployment-failed", "reported that {thing} failed to deploy"),
        new("deployment-request.rolled-back", "reported {thing} rolled back"),
        new("deployment-request.expired", "marked the approval of {thing} expired"),
        new("deployment-request.reapproval-required", "marked {thing} as needing re-approval"),
        new("deployment-request.superseded", "superseded {thing} by a newer deployment"),
        new("deployment-request.gates-evaluated", "re-evaluated the gates of {thing}"),
        new("deployment-request.expiring-notified", "warned the approvers that {thing} expires soon"),
        new("deployment-request.reapproval-notified", "told the approvers that {thing} needs re-approval"),
        new("deployment-request.demo-state", "set the demo history of {thing}"),
        new("environment-policy.updated", "changed {thing}"),
        new("deployment-webhook.updated", "changed {thing}"),

        new("quality-run.requested", "requested {thing}"),
        new("quality-report.created", "produced {thing}"),
        new("quality-report.pruned", "pruned {deleted} passing quality reports past their retention"),
        new("quality-sample.uploaded", "uploaded {thing}"),
        new("quality-suite.saved", "saved {thing}"),

        new("alert-rule.created", "created {thing}"),
        new("alert-rule.deleted", "deleted {thing}"),
        new("alertmanager.notified", "received {thing} from Alertmanager"),

        new("incident.opened", "opened {thing}"),
        new("incident.acknowledged", "acknowledged {thing}"),
        new("incident.put-on-hold", "put {thing} on hold"),
        new("incident.resumed", "resumed work on {thing}"),
        new("incident.resolved", "resolved {thing}"),
        new("incident.closed", "closed {thing}"),
        new("incident.cancelled", "cancelled {thing}"),
        new("incident.reopened", "reopened {thing}"),
        new("incident.assigned", "assigned {thing} to {after|nobody}"),
        new("incident.escalated", "escalated {thing} to {after}"),
        new("incident.impact-start-changed", "changed when the impact of {thing} started"),
        new("incident.commented", "commented on {thing}"),
        new("incident.review-saved", "wrote the review of {thing}"),
        new("incident.review-due", "asked for the review of {thing}"),
        new("incident.sla-warning", "warned about the SLA of {thing}"),
        new("incident.demo-state", "set the demo history of {thing}"),
        new("incident-settings.updated", "changed {thing}"),

        new(AccessRequests.RequestedAction, "asked for {role} in {thing}", AccessRequestThing),
        new(AccessRequests.ApprovedAction, "approved {thing} for {role}", AccessRequestThing),
        new(AccessRequests.RejectedAction, "rejected {thing} for {role}", AccessRequestThing),
        new(AccessRequests.WithdrawnAction, "withdrew {thing} for {role}", AccessRequestThing),
        new(AccessRequests.ExpiredAction, "expired {thing} for {role}: nobody decided it", AccessRequestThing),
        new(AccessGrants.GrantedAction, "granted {role} to {thing}"),
        new(AccessGrants.RevokedAction, "revoked {role} from {thing}"),
        new(AccessGrants.ExpiredAction, "ended the grant of {role} to {thing} at its end date"),
        new(AccessGrants.RemovedAction, "removed {role} from {thing} after an access review"),
        new(AccessDriftJob.CheckedAction, "compared {thing}"),
        new(AccessReviews.StartedAction, "started {thing}"),
        new(AccessReviews.DecidedAction, "decided “{decision}” on {role} for {thing}"),
        new(AccessReviews.RemindedAction, "reminded the reviewers of {thing}"),
        new(AccessReviews.CompletedAction, "completed {thing}"),
        new(AccessReviewJob.FinishedEarlyAction, "finished {thing} early"),
        new("api-key.created", "created {thing}"),
        new("api-key.revoked", "revoked {thing}"),
        new("api-key.used", "used {thing} (first use today)"),
    ];

    public IReadOnlyDictionary<string, Func<AuditFacts, AuditThing?>> Things { get; } = new Dictionary<string, Func<AuditFacts, AuditThing?>>(StringComparer.Ordinal)
    {
        ["Resource"] = f => f.EntityId is { } path ? new(path, null) : null,
        ["AuditTrigger"] = _ => new("the audit log's tamper triggers", AccessLinks.AuditLog),
        [AuditExport.EntityType] = _ => new("the audit log", AccessLinks.AuditLog),
        ["Model"] = f => f.EntityId is { } key ? new($"model {key}", RegistryLinks.Model(key)) : null,
        ["ModelVersion"] = f => Version(f.EntityId, string.Empty),
        ["Dataset"] = f => f.EntityId is { } key ? new($"dataset {key}", RegistryLinks.Dataset(key)) : null,
        ["DatasetVersion"] = f => Split(f.EntityId) is ({ } key, { } label) ? new($"dataset {key} @ {label}", RegistryLinks.DatasetVersion(key, label)) : null,
        ["RegistrySettings"] = _ => new("the registry settings", RegistryLinks.Settings),
        ["DeploymentRequest"] = DeploymentRequest,
        ["EnvironmentPolicy"] = f => new($"the {f.EntityId} environment policy", DeploymentLinks.Policies),
        ["DeploymentSettings"] = _ => new("the deployment webhook", DeploymentLinks.Policies),
        ["CheckRun"] = f => new(
            $"check run #{f.EntityId}" + (f.Text("model") is { } model ? $" of {model} v{f.Text("version")}" : string.Empty),
            f.Text("model") is { } key && f.Number("version") is { } n ? RegistryLinks.ModelVersion(key, n) : null),
        ["QualityReport"] = f => int.TryParse(f.EntityId, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
            ? new($"quality report #{id}" + (f.Text("model") is { } model ? $" of {model} v{f.Text("version")}" : string.Empty), QualityLinks.Report(id))
            : null,
        ["DataSample"] = f => Version(f.EntityId, f.Text("role") is { } role ? $"a {role.ToLowerInvariant()} sample of " : "a sample of "),
        ["CheckSuite"] = f => f.EntityId is { } key ? new($"the check suite of {key}", RegistryLinks.ModelTab(key, "quality")) : null,
        ["AlertRule"] = f => f.EntityId is { } key
            ? new($"an alert rule of {key}" + ((f.Text("after", "metric") ?? f.Text("before", "metric")) is { } metric ? $" on {metric}" : string.Empty), RegistryLinks.ModelTab(key, "alerts"))
            : null,
        ["AlertmanagerGroup"] = f => new($"alert group {f.EntityId}", IncidentLinks.Queue),
        ["Incident"] = f => f.EntityId is { } number
            ? new($"incident {number}" + (f.Text("title") is { } title ? $" “{title}”" : string.Empty), IncidentLinks.Incident(number))
            : null,
        ["IncidentSettings"] = _ => new("the incident settings", IncidentLinks.Settings),
        [AuditQueryUser] = f => f.EntityId is { } id ? new(f.Text("person") ?? (id == f.Event.ActorId ? f.Event.ActorName : id), AccessLinks.Person(id)) : null,
        [AccessRequestThing] = f => f.Number("requestId") is { } id ? new($"access request #{id}", AccessLinks.Request(id)) : null,
        [AccessReviews.EntityType] = f => int.TryParse(f.EntityId, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
            ? new($"access review #{id}" + (f.Text("name") is { } name ? $" “{name}”" : string.Empty), AccessLinks.Review(id))
            : null,
        ["Access"] = _ => new("the roles in Entra ID with the portal's grants", AccessLinks.People),
        ["ApiKey"] = f => new($"API key {f.Text("prefix") ?? f.Text("after", "prefix") ?? f.EntityId}" + ((f.Text("keyName") ?? f.Text("after", "name")) is { } name ? $" “{name}”" : string.Empty), AccessLinks.ApiKeys),
    };

    private const string AccessRequestThing = "AccessRequest";

    private const string AuditQueryUser = Infrastructure.Audit.AuditQuery.UserEntityType;

    private static AuditThing? DeploymentRequest(AuditFacts facts)
    {
        if (!int.TryParse(facts.EntityId, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }

        var text = facts.Request is { } r ? $"deployment request #{id} of {r.Model} v{r.Version} to {r.Environment}" : $"deployment request #{id}";
        return new(text, DeploymentLinks.Request(id));
    }

    /// <summary>"key/number" as the registry writes a version's entity id.</summary>
    private static AuditThing? Version(string? entityId, string prefix) =>
        Split(entityId) is ({ } key, { } number) && int.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? new($"{prefix}{key} v{n}", RegistryLinks.ModelVersion(key, n))
            : null;

    private static (string? Key, string? Tail) Split(string? entityId)
    {
        var slash = entityId?.LastIndexOf('/') ?? -1;
        return slash > 0 && slash < entityId!.Length - 1 ? (entityId[..slash], entityId[(slash + 1)..]) : (null, null);
    }
}
