using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Notifications;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Incidents;

/// <summary>Opening, reading, listing and commenting on incidents. Working them is <see cref="IncidentWork"/>.</summary>
[Infrastructure.Architecture.FeatureContract]
public sealed class IncidentsService(
    IDbContextFactory<PortalDbContext> dbFactory,
    IncidentStore store,
    RegistryKeys keys,
    NotificationsService notifications,
    IAuthorizationService authorization)
{
    public const int CommentMaxLength = 4000;

    /// <summary>Opens an incident by hand (support engineers, contributors, and pipelines with Incidents.Write).</summary>
    public async Task<IncidentView> CreateAsync(ClaimsPrincipal user, IncidentInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await authorization.EnsureAsync(user, Policies.OpenIncidents, "Support engineers, model contributors and pipelines with Incidents.Write open incidents.");
        var now = store.Now;
        var errors = new FieldErrors();
        errors.Required("title", input.Title, "A title");
        errors.MaxLength("title", input.Title?.Trim(), 200, "The title");
        errors.MaxLength("description", input.Description, 8000, "The description");
        if (input.Impact is not { } impact || !Enum.IsDefined(impact))
        {
            errors.Add("impact", "Choose the impact: High, Medium or Low.");
        }

        if (input.Urgency is not { } urgency || !Enum.IsDefined(urgency))
        {
            errors.Add("urgency", "Choose the urgency: High, Medium or Low.");
        }

        if (input.ImpactStartUtc is { } start && start.ToUniversalTime() > now)
        {
            errors.Add("impactStartUtc", "The impact cannot start in the future.");
        }

        var (modelId, versionId, environmentId) = await ResolveSubjectAsync(input, errors, cancellationToken);
        errors.ThrowIfAny();
        var draft = new IncidentDraft(
            input.Title!.Trim(), input.Description?.Trim() ?? string.Empty, modelId, versionId, environmentId, input.Impact!.Value, input.Urgency!.Value,
            input.ImpactStartUtc is { } s ? DateTime.SpecifyKind(s.ToUniversalTime(), DateTimeKind.Utc) : now);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var incident = await OpenAsync(db, draft, AuditActor.From(user), now, cancellationToken);
        return await store.ViewAsync(incident.Id, cancellationToken);
    }

    /// <summary>
    /// Opens an incident inside <paramref name="db"/>'s unit of work, with the priority and SLA targets in force now and
    /// its first timeline line, audit event and notices; the caller commits. Used by the form, the API and the signals.
    /// </summary>
    internal async Task<Incident> OpenAsync(PortalDbContext db, IncidentDraft draft, AuditActor actor, DateTime now, CancellationToken cancellationToken)
    {
        var policy = await IncidentPolicies.CurrentAsync(db, cancellationToken);
        var calendar = policy.Calendar.ToCalendar();
        var priority = policy.Matrix.PriorityOf(draft.Impact, draft.Urgency);
        var sla = policy.Targets.For(priority);
        // A signal was detected when it occurred, not when it was taken from the outbox a few seconds later.
        var detected = Earliest(draft.DetectedAtUtc ?? now, now);
        var incident = new Incident
        {
            Title = draft.Title, Description = draft.Description, ModelId = draft.ModelId, ModelVersionId = draft.ModelVersionId, EnvironmentId = draft.EnvironmentId,
            Source = draft.Source, SignalKey = draft.SignalKey, SourceRef = draft.SourceRef, SourceLink = draft.SourceLink, SignalCount = draft.SignalKey is null ? 0 : 1,
            Impact = draft.Impact, Urgency = draft.Urgency, Priority = priority, Level = SupportLevel.L1,
            ImpactStartUtc = Earliest(draft.ImpactStartUtc, detected), DetectedAtUtc = detected,
            ClockKind = sla.Clock, ResponseTarget = sla.Response.On(calendar), ResolutionTarget = sla.Resolution.On(calendar),
            CreatedById = actor.Id, CreatedByName = actor.Name, CreatedAtUtc = now, ChangedBy = actor.Name, ChangedAtUtc = now,
        };
        // Inside a caller's transaction (the signals') the incident joins it; alone, it gets its own.
        if (db.Database.CurrentTransaction is not null)
        {
            await AddAsync();
        }
        else
        {
            await db.InTransactionAsync(async transaction =>
            {
                incident.Id = 0;
                await AddAsync();
                await transaction.CommitAsync(cancellationToken);
            }, cancellationToken);
        }

        return incident;

        async Task AddAsync()
        {
            db.Incidents.Add(incident);
            // The number is the id, so the incident is saved before the lines that quote it.
            await db.SaveChangesAsync(cancellationToken);
            IncidentStore.AddTimeline(db, actor, incident.Id, now,
                [new(TimelineKind.Opened, $"Opened as {priority} (impact {draft.Impact}, urgency {draft.Urgency}) from {Describe(draft.Source)}.", draft.SourceLink)]);
            db.AddAuditEvent(actor, "incident.opened", IncidentStore.EntityType, incident.Number, new
            {
                incident.Title, priority = priority.ToString(), impact = draft.Impact.ToString(), urgency = draft.Urgency.ToString(), source = draft.Source.ToString(),
                draft.SourceRef, modelId = draft.ModelId, environmentId = draft.EnvironmentId,
            });
            await notifications.AddAsync(db, [.. policy.Roster.L1.Select(m => m.Id).Concat(await FollowersAsync(db, draft, cancellationToken))
                .Where(id => id != actor.Id).Select(id => new Notice(
                id, $"incident:{incident.Id}:opened:{id}", $"New {priority} incident {incident.Number}: {incident.Title}", IncidentLinks.Incident(incident.Number),
                priority <= IncidentPriority.P2))], cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The people following the incident's model hear of it too; not of one a failed check opened, which its report
    /// already told them about (one hand-off, one notice).
    /// </summary>
    private static async Task<IReadOnlyList<string>> FollowersAsync(PortalDbContext db, IncidentDraft draft, CancellationToken cancellationToken) =>
        draft.ModelId is { } modelId && draft.Source != IncidentSource.QualityReport ? await ModelFollowers.FollowerIdsAsync(db, modelId, cancellationToken) : [];

    public async Task<IncidentView?> GetAsync(string number, CancellationToken cancellationToken = default)
    {
        if (Incident.ParseNumber(number) is not { } id)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return (await store.ViewsAsync(db, [id], cancellationToken)).SingleOrDefault();
    }

    public Task<IReadOnlyList<TimelineEntryView>> TimelineAsync(string number, CancellationToken cancellationToken = default) =>
        store.TimelineAsync(IncidentStore.IdOf(number), cancellationToken);

    /// <summary>
    /// The open incidents nearest to breaching an SLA target, with how many are open and how many are past one. The clocks
    /// are read with each incident's holds, so every open incident is read, not a page of them: the nearest breach may
    /// belong to any.
    /// </summary>
    public async Task<OpenBySla> NearestBreachesAsync(int take, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var open = await db.Incidents.AsNoTracking().Where(i => IncidentStates.Open.Contains(i.State)).Include(i => i.Holds).ToListAsync(cancellationToken);
        var views = (await store.ViewsAsync(db, open, cancellationToken)).OrderBy(v => v.NextSla?.BreachAtUtc ?? DateTime.MaxValue).ThenBy(v => v.Priority).ToList();
        return new OpenBySla([.. views.Take(Math.Max(take, 0))], views.Count, views.Count(v => v.Sla.Any(s => s.Stage == SlaStage.Breached)));
    }

    /// <summary>
    /// One page of the queue. "Breaching soon" (75 % of a running target used) needs the clocks, so that filter reads
    /// the open incidents that match the rest and pages in memory; every other filter and the paging run in the database.
    /// </summary>
    public async Task<Page<IncidentView>> ListAsync(IncidentQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var size = Math.Clamp(query.PageSize, 1, IncidentQuery.MaxPageSize);
        var index = Math.Max(query.PageIndex, 0);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = db.Incidents.AsNoTracking();
        if (query.States is { Count: > 0 } states)
        {
            rows = rows.Where(i => states.Contains(i.State));
        }

        if (query.Priority is { } priority)
        {
            rows = rows.Where(i => i.Priority == priority);
        }

        if (query.Level is { } level)
        {
            rows = rows.Where(i => i.Level == level);
        }

        if (query.Unassigned)
        {
            rows = rows.Where(i => i.AssigneeId == null);
        }
        else if (!string.IsNullOrWhiteSpace(query.AssigneeId))
        {
            rows = rows.Where(i => i.AssigneeId == query.AssigneeId);
        }

        if (!string.IsNullOrWhiteSpace(query.Model))
        {
            var modelId = await keys.ModelIdAsync(query.Model.Trim(), cancellationToken);
            rows = rows.Where(i => i.ModelId == modelId);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var text = query.Search.Trim();
            var pattern = SqlLike.Contains(text);
            rows = Incident.ParseNumber(text) is { } id
                ? rows.Where(i => i.Id == id || EF.Functions.Like(i.Title, pattern, SqlLike.Escape))
                : rows.Where(i => EF.Functions.Like(i.Title, pattern, SqlLike.Escape) || EF.Functions.Like(i.Description, pattern, SqlLike.Escape));
        }

        rows = Sort(rows, query.SortBy, query.Descending);
        if (query.BreachingSoon)
        {
            var open = await rows.Where(i => i.State == IncidentState.New || i.State == IncidentState.InProgress).Include(i => i.Holds).ToListAsync(cancellationToken);
            var soon = (await store.ViewsAsync(db, open, cancellationToken))
                .Where(v => v.Sla.Any(s => s.Stage is SlaStage.Running or SlaStage.Breached && s.Warning >= SlaWarning.ThreeQuarters && IsUnmet(v, s.Target)))
                .OrderBy(v => v.Sla.Where(s => s.Stage == SlaStage.Running).Select(s => s.Remaining).DefaultIfEmpty(TimeSpan.Zero).Min())
                .ToList();
            return new Page<IncidentView>([.. soon.Skip(index * size).Take(size)], soon.Count, index, size);
        }

        var total = await rows.CountAsync(cancellationToken);
        var page = await rows.Skip(index * size).Take(size).Include(i => i.Holds).ToListAsync(cancellationToken);
        return new Page<IncidentView>(await store.ViewsAsync(db, page, cancellationToken), total, index, size);
    }

    /// <summary>Open incidents per model and priority, for the health score, the portfolio and the model dashboard.</summary>
    public Task<IReadOnlyDictionary<int, OpenIncidentCount>> OpenCountsAsync(IReadOnlyCollection<int>? modelIds = null, CancellationToken cancellationToken = default) =>
        CountOpenAsync(modelIds, null, cancellationToken);

    /// <summary>
    /// Open incidents of the models with these keys as seen from one environment: those raised there and those naming
    /// no environment (about the model as a whole), keyed by model key. One query for the whole list, so a portfolio of
    /// many models costs no more than one model.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, OpenIncidentCount>> OpenCountsAsync(
        IReadOnlyCollection<string> modelKeys, string environmentKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(modelKeys);
        var environment = await keys.EnvironmentAsync(environmentKey, cancellationToken);
        if (modelKeys.Count == 0 || environment is null)
        {
            return new Dictionary<string, OpenIncidentCount>(StringComparer.Ordinal);
        }

        // One model (a health score): its id. Many (the portfolio): every open incident, few as they are, and the keys
        // of the models they name in one batch, rather than a lookup per model.
        var single = modelKeys.Count == 1 ? await keys.ModelAsync(modelKeys.First(), cancellationToken) : null;
        if (modelKeys.Count == 1 && single is null)
        {
            return new Dictionary<string, OpenIncidentCount>(StringComparer.Ordinal);
        }

        var counts = await CountOpenAsync(single is null ? null : [single.Id], environment.Id, cancellationToken);
        var names = await keys.ModelKeysAsync(counts.Keys, cancellationToken);
        return counts.Where(c => names.TryGetValue(c.Key, out var key) && modelKeys.Contains(key, StringComparer.Ordinal))
            .ToDictionary(c => names[c.Key], c => c.Value, StringComparer.Ordinal);
    }

    private async Task<IReadOnlyDictionary<int, OpenIncidentCount>> CountOpenAsync(IReadOnlyCollection<int>? modelIds, int? environmentId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = db.Incidents.AsNoTracking().Where(i => i.ModelId != null
            && (i.State == IncidentState.New || i.State == IncidentState.InProgress || i.State == IncidentState.OnHold));
        if (modelIds is not null)
        {
            rows = rows.Where(i => modelIds.Contains(i.ModelId!.Value));
        }

        if (environmentId is { } env)
        {
            rows = rows.Where(i => i.EnvironmentId == null || i.EnvironmentId == env);
        }

        // Open incidents are few (they are being worked), so the rows themselves come back: the counts and the numbers.
        var open = await rows.Select(i => new { ModelId = i.ModelId!.Value, i.Id, i.Priority }).ToListAsync(cancellationToken);
        return open.GroupBy(i => i.ModelId).ToDictionary(g => g.Key, g => new OpenIncidentCount(
            g.Key,
            g.Count(i => i.Priority == IncidentPriority.P1),
            g.Count(i => i.Priority == IncidentPriority.P2),
            g.Count(i => i.Priority == IncidentPriority.P3),
            g.Count(i => i.Priority == IncidentPriority.P4))
        {
            Worst = [.. g.OrderBy(i => i.Priority).ThenBy(i => i.Id).Take(OpenIncidentCount.WorstShown).Select(i => Incident.Format(i.Id))],
        });
    }

    /// <summary>
    /// Adds a comment to the timeline. Support engineers and Incidents.Write comment on any incident; contributors on
    /// incidents about a model.
    /// </summary>
    public async Task<TimelineEntryView> CommentAsync(ClaimsPrincipal user, string number, string? text, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw PortalValidationException.For("text", "Write the comment.");
        }

        if (text.Trim().Length > CommentMaxLength)
        {
            throw PortalValidationException.For("text", $"A comment has at most {CommentMaxLength:N0} characters.");
        }

        var comment = text.Trim();
        var id = IncidentStore.IdOf(number);
        var view = await store.ViewAsync(id, cancellationToken);
        if (!await CanCommentAsync(user, view))
        {
            throw new UnauthorizedAccessException("Support engineers comment on incidents; model contributors on incidents about a model.");
        }

        var actor = AuditActor.From(user);
        await store.ChangeAsync(actor, id, (_, _) => new IncidentChange("incident.commented", new { text = comment }, [new(TimelineKind.Comment, comment)]), cancellationToken);
        return (await store.TimelineAsync(id, cancellationToken)).Last(t => t.Kind == TimelineKind.Comment);
    }

    public async Task<bool> CanCommentAsync(ClaimsPrincipal user, IncidentView incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return (await authorization.AuthorizeAsync(user, Policies.WorkIncidents)).Succeeded
            || user.IsInRole(PortalRoles.IncidentsWrite)
            || (incident.Model is not null && (await authorization.AuthorizeAsync(user, Policies.ContributeModels)).Succeeded);
    }

    public async Task<bool> CanOpenAsync(ClaimsPrincipal user) => (await authorization.AuthorizeAsync(user, Policies.OpenIncidents)).Succeeded;

    private static bool IsUnmet(IncidentView view, SlaTargetKind target) =>
        target == SlaTargetKind.Response ? view.AcknowledgedAtUtc is null : view.ResolvedAtUtc is null;

    private async Task<(int? ModelId, int? VersionId, int? EnvironmentId)> ResolveSubjectAsync(IncidentInput input, FieldErrors errors, CancellationToken cancellationToken)
    {
        int? modelId = null, versionId = null, environmentId = null;
        if (!string.IsNullOrWhiteSpace(input.Model))
        {
            var model = await keys.ModelAsync(input.Model.Trim(), cancellationToken);
            if (model is null)
            {
                errors.Add("model", $"There is no model '{input.Model.Trim()}'.");
            }
            else
            {
                modelId = model.Id;
                if (input.Version is { } number)
                {
                    var version = await keys.VersionAsync(model.Key, number, cancellationToken);
                    if (version is null)
                    {
                        errors.Add("version", $"Model '{model.Key}' has no version {number}.");
                    }

                    versionId = version?.VersionId;
                }
            }
        }
        else if (input.Version is not null)
        {
            errors.Add("version", "A version needs its model.");
        }

        if (!string.IsNullOrWhiteSpace(input.Environment))
        {
            var environment = await keys.EnvironmentAsync(input.Environment.Trim(), cancellationToken);
            if (environment is null)
            {
                errors.Add("environment", await keys.UnknownEnvironmentMessageAsync(input.Environment, cancellationToken));
            }

            environmentId = environment?.Id;
        }

        return (modelId, versionId, environmentId);
    }

    private static readonly System.Linq.Expressions.Expression<Func<Incident, int>> StateOrder = i =>
        i.State == IncidentState.New ? 1 : i.State == IncidentState.InProgress ? 2 : i.State == IncidentState.OnHold ? 3
        : i.State == IncidentState.Resolved ? 4 : i.State == IncidentState.Closed ? 5 : 6;

    private static IQueryable<Incident> Sort(IQueryable<Incident> rows, string? sortBy, bool descending) => (sortBy?.ToLowerInvariant(), descending) switch
    {
        ("priority", false) => rows.OrderBy(i => i.Priority).ThenByDescending(i => i.DetectedAtUtc),
        ("priority", true) => rows.OrderByDescending(i => i.Priority).ThenByDescending(i => i.DetectedAtUtc),
        // States are stored as text, so their order is spelled out: the life cycle's, open ones first.
        ("state", false) => rows.OrderBy(StateOrder).ThenByDescending(i => i.DetectedAtUtc),
        ("state", true) => rows.OrderByDescending(StateOrder).ThenByDescending(i => i.DetectedAtUtc),
        ("title", false) => rows.OrderBy(i => i.Title),
        ("title", true) => rows.OrderByDescending(i => i.Title),
        ("number", false) or ("detected", false) => rows.OrderBy(i => i.Id),
        ("changed", false) => rows.OrderBy(i => i.ChangedAtUtc),
        ("changed", true) => rows.OrderByDescending(i => i.ChangedAtUtc),
        _ => rows.OrderByDescending(i => i.Id),
    };

    private static DateTime Earliest(DateTime a, DateTime b) => a < b ? a : b;

    private static string Describe(IncidentSource source) => source switch
    {
        IncidentSource.Manual => "a person",
        IncidentSource.Alert => "a firing alert",
        IncidentSource.QualityReport => "a quality report with a failed check",
        IncidentSource.DeploymentFailure => "a failed deployment",
        IncidentSource.DeploymentRollback => "a rolled-back deployment",
        _ => "an external alert",
    };
}
