using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Incidents;

/// <summary>
/// Ninety days of incidents so the measures have history: most closed, a few cancelled and resolved, and the open ones
/// support works today (one breaching soon, one whose response is already breached, one on hold). The churn model's
/// failing drift report raises its own incident through the signal it leaves. Timestamps follow each other as they
/// would have happened; the SLA targets are the default policy's. Written once, into a portal without incidents.
/// </summary>
public sealed class IncidentsDemoData(IDbContextFactory<PortalDbContext> dbFactory, RegistryKeys keys, IncidentPolicies policies, TimeProvider clock) : IDemoSeeder
{
    public int Order => DemoSeedOrder.Incidents;

    public bool RunsInBackground => false;

    /// <summary>One demo incident; times are minutes after detection, null when it never happened.</summary>
    private sealed record Demo(
        string Title, string? Model, string? Environment, Impact Impact, Urgency Urgency, IncidentState State, double DetectedHoursAgo,
        int? AcknowledgedAfter = null, int? ResolvedAfter = null, ResolutionCode? Code = null, string? Notes = null,
        IncidentSource Source = IncidentSource.Manual, HoldReason? Hold = null, int ImpactBefore = 0);

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Incidents.AnyAsync(cancellationToken) || await keys.ModelIdAsync("fraud-detector", cancellationToken) is null)
        {
            return;
        }

        var admin = DevelopmentPersonas.All.Single(p => p.Role == PortalRoles.Admin);
        var support = DevelopmentPersonas.All.Single(p => p.Role == PortalRoles.SupportEngineer);
        var policy = await policies.CurrentAsync(cancellationToken);
        if (policy.Roster.Everyone.FirstOrDefault() is null)
        {
            policy = await policies.UpdateAsync(DevelopmentPersonas.ToPrincipal(admin), policy with
            {
                Roster = new SupportRoster([new(support.Id, support.Name)], [new(admin.Id, admin.Name)], [new(admin.Id, admin.Name)]),
            }, cancellationToken);
        }

        var calendar = policy.Calendar.ToCalendar();
        var now = clock.GetUtcNow().UtcDateTime;
        var sam = new AuditActor(support.Id, support.Name);
        foreach (var demo in Demos())
        {
            var detected = now.AddHours(-demo.DetectedHoursAgo);
            var priority = policy.Matrix.PriorityOf(demo.Impact, demo.Urgency);
            var sla = policy.Targets.For(priority);
            var modelId = demo.Model is null ? null : await keys.ModelIdAsync(demo.Model, cancellationToken);
            var environment = demo.Environment is null ? null : await keys.EnvironmentAsync(demo.Environment, cancellationToken);
            var acknowledged = demo.AcknowledgedAfter is { } a ? detected.AddMinutes(a) : (DateTime?)null;
            var resolved = demo.ResolvedAfter is { } r ? detected.AddMinutes(r) : (DateTime?)null;
            var closed = demo.State == IncidentState.Closed ? resolved!.Value.AddDays(policy.AutoCloseDays) : (DateTime?)null;
            var cancelled = demo.State == IncidentState.Cancelled ? (acknowledged ?? detected).AddMinutes(20) : (DateTime?)null;
            var last = new[] { detected, acknowledged, resolved, closed, cancelled }.Max()!.Value;
            var incident = new Incident
            {
                Title = demo.Title, Description = $"{demo.Title}. Reported by the {demo.Source switch { IncidentSource.Manual => "business", _ => "monitoring" }} team.",
                ModelId = modelId, EnvironmentId = environment?.Id, Source = demo.Source, Impact = demo.Impact, Urgency = demo.Urgency, Priority = priority,
                Level = SupportLevel.L1, AssigneeId = acknowledged is null ? null : sam.Id, AssigneeName = acknowledged is null ? null : sam.Name,
                State = demo.State, HoldReason = demo.Hold, ResolutionCode = demo.Code, ResolutionNotes = demo.Notes,
                CancelReason = cancelled is null ? null : "A duplicate of an incident already open.",
                ImpactStartUtc = detected.AddMinutes(-demo.ImpactBefore), DetectedAtUtc = detected, AcknowledgedAtUtc = acknowledged,
                AcknowledgedBy = acknowledged is null ? null : sam.Name, ResolvedAtUtc = resolved, ClosedAtUtc = closed, CancelledAtUtc = cancelled,
                ClockKind = sla.Clock, ResponseTarget = sla.Response.On(calendar), ResolutionTarget = sla.Resolution.On(calendar),
                CreatedById = sam.Id, CreatedByName = sam.Name, CreatedAtUtc = detected, ChangedBy = demo.State == IncidentState.Closed ? AuditActor.System.Name : sam.Name,
                ChangedAtUtc = last,
            };
            if (demo.Hold is { } hold)
            {
                incident.Holds.Add(new IncidentHold { Reason = hold, StartUtc = acknowledged!.Value.AddMinutes(30) });
            }

            db.Incidents.Add(incident);
            await db.SaveChangesAsync(cancellationToken);
            AddTimeline(db, incident, sam);
            db.AddAuditEvent(AuditActor.System, "incident.demo-state", IncidentStore.EntityType, incident.Number,
                new { demo = true, priority = priority.ToString(), state = demo.State.ToString(), detectedAtUtc = detected }).OccurredAtUtc = last;
            if (priority == IncidentPriority.P1 && demo.State == IncidentState.Closed)
            {
                db.IncidentReviews.Add(new IncidentReview
                {
                    IncidentId = incident.Id, Summary = $"{demo.Title}; service restored after {demo.ResolvedAfter} minutes.",
                    RootCause = "An upstream schema change renamed a feature column without notice.", ContributingFactors = "No contract test on the feature feed.",
                    ActionItems = [new ReviewActionItem { Text = "Add a schema contract test to the feed pipeline", Owner = "Dana Scientist", DueDate = DateOnly.FromDateTime(closed!.Value.AddDays(14)), Done = true }],
                    UpdatedBy = sam.Name, UpdatedAtUtc = closed!.Value.AddHours(-2),
                });
            }

            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private static void AddTimeline(PortalDbContext db, Incident incident, AuditActor sam)
    {
        void Line(DateTime at, TimelineKind kind, AuditActor actor, string text) => IncidentStore.AddTimeline(db, actor, incident.Id, at, [new(kind, text)]);

        Line(incident.DetectedAtUtc, TimelineKind.Opened, sam, $"Opened as {incident.Priority} (impact {incident.Impact}, urgency {incident.Urgency}).");
        if (incident.AcknowledgedAtUtc is { } acknowledged)
        {
            Line(acknowledged, TimelineKind.StateChanged, sam, "Acknowledged; work has started.");
            Line(acknowledged, TimelineKind.Assigned, sam, $"Assigned to {sam.Name}.");
        }

        foreach (var hold in incident.Holds)
        {
            Line(hold.StartUtc, TimelineKind.StateChanged, sam, $"On hold: {IncidentTransitions.Label(hold.Reason).ToLowerInvariant()}; the resolution clock stops.");
        }

        if (incident.ResolvedAtUtc is { } resolved)
        {
            Line(resolved, TimelineKind.StateChanged, sam, $"Resolved ({incident.ResolutionCode}): {incident.ResolutionNotes}");
        }

        if (incident.ClosedAtUtc is { } closed)
        {
            Line(closed, TimelineKind.StateChanged, AuditActor.System, "Closed automatically after the resolved period.");
        }

        if (incident.CancelledAtUtc is { } cancelled)
        {
            Line(cancelled, TimelineKind.StateChanged, sam, $"Cancelled: {incident.CancelReason}");
        }
    }

    private static IEnumerable<Demo> Demos()
    {
        // Today's work.
        yield return new("False-positive rate tripled on card payments", "fraud-detector", "production", Impact.High, Urgency.High, IncidentState.InProgress, 3.3,
            AcknowledgedAfter: 9, Source: IncidentSource.Alert, ImpactBefore: 25);
        yield return new("Credit scoring latency above 2 s", "credit-default", "production", Impact.High, Urgency.Medium, IncidentState.New, 0.85,
            Source: IncidentSource.Alert, ImpactBefore: 10);
        yield return new("Ticket routing accuracy down after the CRM migration", "ticket-router", "production", Impact.Medium, Urgency.Medium, IncidentState.OnHold, 26,
            AcknowledgedAfter: 50, Hold: HoldReason.AwaitingData, ImpactBefore: 120);
        yield return new("Next-best-offer shows expired promotions", "next-best-offer", "production", Impact.Low, Urgency.Medium, IncidentState.New, 2);
        yield return new("Claims routed to the wrong investigators after release 3", "claims-triage", "production", Impact.High, Urgency.Low, IncidentState.Closed, 18 * 24,
            AcknowledgedAfter: 35, ResolvedAfter: 300, Code: ResolutionCode.RolledBack, Notes: "Rolled back to version 2; release 3 is being reworked.",
            Source: IncidentSource.DeploymentRollback);
        yield return new("Demand forecast missing for 40 stores", "demand-forecast", "production", Impact.Medium, Urgency.High, IncidentState.Resolved, 40,
            AcknowledgedAfter: 12, ResolvedAfter: 380, Code: ResolutionCode.DataCorrected, Notes: "The store master file was re-sent.", ImpactBefore: 60);

        // Ninety days of history: detected between 3 and 88 days ago, resolved with times that vary by priority.
        var random = new Random(20261204);
        (string Model, string Title, Impact Impact, Urgency Urgency)[] history =
        [
            ("fraud-detector", "Fraud scores delayed by 10 minutes", Impact.High, Urgency.High),
            ("churn-model", "Churn scores missing for the premium segment", Impact.Medium, Urgency.Medium),
            ("credit-default", "Bureau feature feed stale", Impact.High, Urgency.Medium),
            ("turbine-failure", "Sensor gaps on wind farm 3", Impact.High, Urgency.High),
            ("ticket-router", "Queue labels swapped for billing and refunds", Impact.Low, Urgency.Medium),
            ("web-conversion", "Propensity scores flat at 0.5", Impact.Low, Urgency.Low),
            ("demand-forecast", "Forecast job timed out", Impact.Medium, Urgency.Low),
            ("claims-triage", "Investigator queue overflow", Impact.Medium, Urgency.High),
            ("next-best-offer", "Recommendation API 5xx spike", Impact.Medium, Urgency.Medium),
            ("churn-model", "Retention call list empty on Monday", Impact.Medium, Urgency.High),
        ];
        for (var i = 0; i < 24; i++)
        {
            var (model, title, impact, urgency) = history[i % history.Length];
            var daysAgo = 88 - (i * 3.5) - random.NextDouble();
            var urgent = impact == Impact.High || urgency == Urgency.High;
            var acknowledge = urgent ? 4 + random.Next(30) : 30 + random.Next(300);
            var resolve = acknowledge + (urgent ? 60 + random.Next(300) : 240 + random.Next(2400));
            if (i % 11 == 5)
            {
                yield return new(title, model, "production", impact, urgency, IncidentState.Cancelled, daysAgo * 24, AcknowledgedAfter: acknowledge);
                continue;
            }

            yield return new(title, model, "production", impact, urgency, IncidentState.Closed, daysAgo * 24, acknowledge, resolve,
                (ResolutionCode)(1 + (i % 6)), "Fixed and verified with the model owner.", i % 3 == 0 ? IncidentSource.Alert : IncidentSource.Manual,
                ImpactBefore: random.Next(90));
        }
    }
}
