using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using MlOpsPortal.Features.Notifications;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Features.Incidents;

/// <summary>
/// Support engineers working an incident: acknowledge, assign, hold and resume, resolve, close, cancel, reopen, escalate.
/// Each is one conditional change with its timeline line and audit event (<see cref="IncidentStore.ChangeAsync"/>).
/// An action the state does not allow is refused with the actions it does allow.
/// </summary>
public sealed class IncidentWork(IncidentStore store, IncidentPolicies policies, IAuthorizationService authorization)
{
    public const int ReasonMaxLength = 1000;

    public Task<IncidentView> AcknowledgeAsync(ClaimsPrincipal user, string number, CancellationToken cancellationToken = default) =>
        TransitionAsync(user, number, IncidentAction.Acknowledge, null, (incident, actor, now) =>
        {
            incident.AcknowledgedAtUtc = now;
            incident.AcknowledgedBy = actor.Name;
            var lines = new List<TimelineLine> { new(TimelineKind.StateChanged, "Acknowledged; work has started.") };
            if (incident.AssigneeId is null)
            {
                incident.AssigneeId = actor.Id;
                incident.AssigneeName = actor.Name;
                lines.Add(new(TimelineKind.Assigned, $"Assigned to {actor.Name}."));
            }

            return lines;
        }, cancellationToken);

    public Task<IncidentView> HoldAsync(ClaimsPrincipal user, string number, HoldReason? reason, string? note, CancellationToken cancellationToken = default)
    {
        if (reason is not { } why || why == HoldReason.ResolvedUntilReopened || !Enum.IsDefined(why))
        {
            throw PortalValidationException.For("reason", "Say why it waits: awaiting caller, vendor, data or retraining.");
        }

        note = Optional(note, "note");
        return TransitionAsync(user, number, IncidentAction.Hold, new { reason = why.ToString(), note }, (incident, _, now) =>
        {
            incident.HoldReason = why;
            incident.Holds.Add(new IncidentHold { IncidentId = incident.Id, Reason = why, StartUtc = now });
            return [new(TimelineKind.StateChanged, $"On hold: {IncidentTransitions.Label(why).ToLowerInvariant()}; the resolution clock stops." + Suffix(note))];
        }, cancellationToken);
    }

    public Task<IncidentView> ResumeAsync(ClaimsPrincipal user, string number, CancellationToken cancellationToken = default) =>
        TransitionAsync(user, number, IncidentAction.Resume, null, (incident, _, now) =>
        {
            EndHold(incident, now);
            return [new(TimelineKind.StateChanged, "Resumed; the resolution clock runs again.")];
        }, cancellationToken);

    public Task<IncidentView> ResolveAsync(ClaimsPrincipal user, string number, ResolutionCode? code, string? notes, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        if (code is null || !Enum.IsDefined(code.Value))
        {
            errors.Add("code", "Choose a resolution code.");
        }

        errors.Required("notes", notes, "Resolution notes");
        errors.MaxLength("notes", notes, 4000, "Resolution notes");
        errors.ThrowIfAny();
        var text = notes!.Trim();
        return TransitionAsync(user, number, IncidentAction.Resolve, new { code = code!.Value.ToString(), notes = text }, (incident, _, now) =>
        {
            EndHold(incident, now);
            incident.ResolvedAtUtc = now;
            incident.ResolutionCode = code;
            incident.ResolutionNotes = text;
            return [new(TimelineKind.StateChanged, $"Resolved ({code}): {text}")];
        }, cancellationToken);
    }

    public async Task<IncidentView> CloseAsync(ClaimsPrincipal user, string number, CancellationToken cancellationToken = default)
    {
        if (await store.LacksRequiredReviewAsync(IncidentStore.IdOf(number), cancellationToken))
        {
            throw new PortalConflictException($"{number} is a P1: write its post-incident review before closing it.");
        }

        return await TransitionAsync(user, number, IncidentAction.Close, null, (incident, _, now) =>
        {
            incident.ClosedAtUtc = now;
            return [new(TimelineKind.StateChanged, "Closed.")];
        }, cancellationToken);
    }

    public Task<IncidentView> CancelAsync(ClaimsPrincipal user, string number, string? reason, CancellationToken cancellationToken = default)
    {
        var why = Required(reason, "reason", "Say why it is cancelled (a duplicate, raised in error…).");
        return TransitionAsync(user, number, IncidentAction.Cancel, new { reason = why }, (incident, _, now) =>
        {
            incident.CancelledAtUtc = now;
            incident.CancelReason = why;
            return [new(TimelineKind.StateChanged, $"Cancelled: {why}")];
        }, cancellationToken);
    }

    public Task<IncidentView> ReopenAsync(ClaimsPrincipal user, string number, string? reason, CancellationToken cancellationToken = default)
    {
        var why = Required(reason, "reason", "Say why it is reopened (what is still wrong).");
        return TransitionAsync(user, number, IncidentAction.Reopen, new { reason = why }, (incident, _, now) =>
        {
            // The time it stood resolved is nobody's delay: the resolution clock skips it.
            incident.Holds.Add(new IncidentHold { IncidentId = incident.Id, Reason = HoldReason.ResolvedUntilReopened, StartUtc = incident.ResolvedAtUtc ?? now, EndUtc = now });
            incident.ResolvedAtUtc = null;
            incident.ResolutionCode = null;
            incident.ResolutionNotes = null;
            return [new(TimelineKind.StateChanged, $"Reopened: {why}")];
        }, cancellationToken);
    }

    /// <summary>
    /// Gives the incident to <paramref name="assignee"/> (or nobody), provided it is still assigned to whom the caller saw
    /// (<paramref name="seenAssigneeId"/>, null for unassigned): two people taking the same unassigned incident give one
    /// assignment, and the other is told who took it.
    /// </summary>
    public async Task<IncidentView> AssignAsync(
        ClaimsPrincipal user, string number, RosterMember? assignee, string? seenAssigneeId, CancellationToken cancellationToken = default)
    {
        var actor = await WorkerAsync(user);
        var id = IncidentStore.IdOf(number);
        var incident = await store.ChangeAsync(actor, id, (current, _) =>
        {
            EnsureOpen(current, "assigned");
            if (current.AssigneeId != seenAssigneeId)
            {
                throw new PortalConflictException(
                    $"{current.Number} was assigned to {current.AssigneeName ?? "nobody"} by {current.ChangedBy} at {IncidentStore.Utc(current.ChangedAtUtc)} while you were looking; look again.");
            }

            if (current.AssigneeId == assignee?.Id)
            {
                throw new PortalConflictException($"{current.Number} is already assigned to {assignee?.Name ?? "nobody"}.");
            }

            var before = current.AssigneeName;
            current.AssigneeId = assignee?.Id;
            current.AssigneeName = assignee?.Name;
            Notice[] notices = assignee is null || assignee.Id == actor.Id ? [] :
                [new Notice(assignee.Id, $"incident:{current.Id}:assigned:{current.Revision}", $"{current.Number} ({current.Priority}) was assigned to you: {current.Title}", IncidentLinks.Incident(current.Number), current.Priority <= IncidentPriority.P2)];
            return new IncidentChange("incident.assigned", new { before, after = assignee?.Name },
                [new(TimelineKind.Assigned, assignee is null ? "Unassigned." : $"Assigned to {assignee.Name}.")], notices);
        }, cancellationToken);
        return await store.ViewAsync(incident.Id, cancellationToken);
    }

    /// <summary>Moves the incident one support level up, by hand with a reason; the next level's people are told.</summary>
    public async Task<IncidentView> EscalateAsync(ClaimsPrincipal user, string number, string? reason, CancellationToken cancellationToken = default)
    {
        var actor = await WorkerAsync(user);
        var why = Required(reason, "reason", "Say why it needs the next support level.");
        var id = IncidentStore.IdOf(number);
        var policy = await policies.CurrentAsync(cancellationToken);
        SupportLevel? seenLevel = null;
        var incident = await store.ChangeAsync(actor, id, (current, _) =>
        {
            EnsureOpen(current, "escalated");
            // The level of the first look: a racing escalation that won must not be escalated once more.
            seenLevel ??= current.Level;
            if (current.Level != seenLevel)
            {
                throw new PortalConflictException($"{current.Number} was escalated to {current.Level} by {current.ChangedBy} at {IncidentStore.Utc(current.ChangedAtUtc)} while you were looking.");
            }

            return Escalate(current, policy.Roster, why);
        }, cancellationToken);
        return await store.ViewAsync(incident.Id, cancellationToken);
    }

    /// <summary>One level up, its people told; shared by the hand escalation and the SLA job's escalation on a response breach.</summary>
    internal static IncidentChange Escalate(Incident incident, SupportRoster roster, string reason)
    {
        if (incident.Level == SupportLevel.L3)
        {
            throw new PortalConflictException($"{incident.Number} is already at L3, the highest support level.");
        }

        var before = incident.Level;
        incident.Level = before + 1;
        // The key names the recipient: a notice key is unique across everyone, so a shared key would reach one person only.
        var notices = roster.For(incident.Level).Select(m => new Notice(
            m.Id, $"incident:{incident.Id}:escalated:{incident.Level}:{m.Id}", $"{incident.Number} ({incident.Priority}) escalated to {incident.Level}: {incident.Title}",
            IncidentLinks.Incident(incident.Number), Critical: true)).ToList();
        return new IncidentChange("incident.escalated", new { before = before.ToString(), after = incident.Level.ToString(), reason },
            [new(TimelineKind.Escalated, $"Escalated {before} → {incident.Level}: {reason}")], notices);
    }

    /// <summary>Moves the impact start (when the business was first hit); it cannot come after detection.</summary>
    public async Task<IncidentView> SetImpactStartAsync(ClaimsPrincipal user, string number, DateTime impactStartUtc, CancellationToken cancellationToken = default)
    {
        var actor = await WorkerAsync(user);
        var at = DateTime.SpecifyKind(impactStartUtc.ToUniversalTime(), DateTimeKind.Utc);
        var incident = await store.ChangeAsync(actor, IncidentStore.IdOf(number), (current, _) =>
        {
            if (at > current.DetectedAtUtc)
            {
                throw PortalValidationException.For("impactStartUtc", $"The impact cannot start after the incident was detected ({IncidentStore.Utc(current.DetectedAtUtc)}).");
            }

            var before = current.ImpactStartUtc;
            current.ImpactStartUtc = at;
            return new IncidentChange("incident.impact-start-changed", new { before, after = at },
                [new(TimelineKind.Edited, $"Impact start set to {IncidentStore.Utc(at)} (was {IncidentStore.Utc(before)}).")]);
        }, cancellationToken);
        return await store.ViewAsync(incident.Id, cancellationToken);
    }

    /// <summary>What this person may do with the incident now, for the incident page's buttons.</summary>
    public async Task<IReadOnlyList<IncidentAction>> AllowedActionsAsync(ClaimsPrincipal user, IncidentView incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return (await authorization.AuthorizeAsync(user, Policies.WorkIncidents)).Succeeded ? IncidentTransitions.AllowedFrom(incident.State) : [];
    }

    private async Task<IncidentView> TransitionAsync(
        ClaimsPrincipal user, string number, IncidentAction action, object? details, Func<Incident, AuditActor, DateTime, List<TimelineLine>> apply,
        CancellationToken cancellationToken)
    {
        var actor = await WorkerAsync(user);
        var incident = await store.ChangeAsync(actor, IncidentStore.IdOf(number), (current, now) =>
        {
            if (!IncidentTransitions.IsAllowed(action, current.State))
            {
                throw NotAllowed(current, action);
            }

            var before = current.State;
            current.State = IncidentTransitions.To(action);
            if (current.State != IncidentState.OnHold)
            {
                current.HoldReason = null;
            }

            var lines = apply(current, actor, now);
            return new IncidentChange(AuditAction(action), new { before = before.ToString(), after = current.State.ToString(), details }, lines);
        }, cancellationToken);
        return await store.ViewAsync(incident.Id, cancellationToken);
    }

    /// <summary>409 naming the state, who put it there and when, and the actions it allows.</summary>
    internal static PortalConflictException NotAllowed(Incident incident, IncidentAction action)
    {
        var allowed = IncidentTransitions.AllowedFrom(incident.State);
        var state = IncidentTransitions.Label(incident.State);
        var message = action == IncidentAction.Acknowledge && incident.AcknowledgedAtUtc is { } acknowledged
            ? $"{incident.Number} was already acknowledged by {incident.AcknowledgedBy} at {IncidentStore.Utc(acknowledged)}; it is {state}."
            : $"{incident.Number} is {state} (last changed by {incident.ChangedBy} at {IncidentStore.Utc(incident.ChangedAtUtc)}); " +
              $"to {Verb(action)} it, it must be {string.Join(" or ", IncidentTransitions.From(action).Select(IncidentTransitions.Label))}.";
        message += allowed.Count == 0 ? " No action is allowed any more." : $" Allowed now: {string.Join(", ", allowed.Select(Verb))}.";
        return new PortalConflictException(message, new Dictionary<string, object?>
        {
            ["state"] = incident.State.ToString(),
            ["allowed"] = allowed.Select(Verb).ToArray(),
        });
    }

    private static string Verb(IncidentAction action) => action.ToString().ToLowerInvariant();

    /// <summary>The audit log's name of a transition, in the past tense as the log's other actions are.</summary>
    internal static string AuditAction(IncidentAction action) => "incident." + action switch
    {
        IncidentAction.Acknowledge => "acknowledged",
        IncidentAction.Hold => "put-on-hold",
        IncidentAction.Resume => "resumed",
        IncidentAction.Resolve => "resolved",
        IncidentAction.Close => "closed",
        IncidentAction.Cancel => "cancelled",
        _ => "reopened",
    };

    private static void EnsureOpen(Incident incident, string what)
    {
        if (!IncidentStates.IsOpen(incident.State))
        {
            throw new PortalConflictException($"{incident.Number} is {IncidentTransitions.Label(incident.State)}; only an open incident can be {what}.");
        }
    }

    private static void EndHold(Incident incident, DateTime now)
    {
        foreach (var hold in incident.Holds.Where(h => h.EndUtc is null))
        {
            hold.EndUtc = now;
        }
    }

    private async Task<AuditActor> WorkerAsync(ClaimsPrincipal user)
    {
        await authorization.EnsureAsync(user, Policies.WorkIncidents, "Only support engineers work incidents.");
        return AuditActor.From(user);
    }

    private static string Required(string? value, string field, string message)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw PortalValidationException.For(field, message);
        }

        return Optional(value, field)!;
    }

    private static string? Optional(string? value, string field)
    {
        if (value?.Trim().Length > ReasonMaxLength)
        {
            throw PortalValidationException.For(field, $"Keep it to {ReasonMaxLength:N0} characters.");
        }

        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static string Suffix(string? note) => note is null ? string.Empty : $" {note}";
}
