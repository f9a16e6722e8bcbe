using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Access;

/// <summary>
/// People beyond the personas, as their sign-ins left them (an approver and a business viewer inactive for 45 days and
/// more, a contributor who also approves), and access requests in every state, with the grant the approved one gave.
/// Then two access reviews: last quarter's of the privileged roles, finished, and this quarter's of every role, running,
/// some items decided. Timestamps are in the past as they would have happened. Written once, into a portal without
/// access requests.
/// </summary>
public sealed class AccessDemoData(IDbContextFactory<PortalDbContext> dbFactory, PeopleDirectory people, TimeProvider clock) : IDemoSeeder
{
    public int Order => DemoSeedOrder.Access;

    public bool RunsInBackground => false;

    /// <summary>Someone who signed in: first and last sign-in in days ago, and how many times in between.</summary>
    internal sealed record DemoPerson(string Id, string Name, string Email, string[] Roles, int FirstDaysAgo, int LastDaysAgo, int SignIns);

    internal static IReadOnlyList<DemoPerson> People { get; } =
    [
        new("demo-priya", "Priya Patel", "priya.patel@contoso.example", [PortalRoles.ModelsContributor], 160, 2, 40),
        new("demo-lars", "Lars Jensen", "lars.jensen@contoso.example", [PortalRoles.DeploymentsApprover], 200, 45, 22),
        new("demo-mei", "Mei Chen", "mei.chen@contoso.example", [PortalRoles.BusinessViewer], 120, 52, 9),
        new("demo-omar", "Omar Haddad", "omar.haddad@contoso.example", [PortalRoles.SupportEngineer], 90, 1, 61),
        new("demo-grace", "Grace Okafor", "grace.okafor@contoso.example", [PortalRoles.ExecutiveViewer], 75, 6, 14),
        new("demo-tom", "Tom Becker", "tom.becker@contoso.example", [PortalRoles.ModelsContributor, PortalRoles.DeploymentsApprover], 140, 3, 33),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<AccessRequest>().AnyAsync(cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var ada = Actor(DevelopmentPersonas.All.Single(p => p.Role == PortalRoles.Admin));
        var sam = Actor(DevelopmentPersonas.All.Single(p => p.Role == PortalRoles.SupportEngineer));
        await db.InTransactionAsync(async transaction =>
        {
            var events = new List<(DateTime At, Func<AuditEvent> Create)>();
            AddSignIns(events, now);

            Request(db, events, Person("demo-priya"), PortalRoles.DeploymentsApprover, "Second approver for the fraud models while Lars is away.", 90, now.AddDays(-2));
            Request(db, events, Person("demo-mei"), PortalRoles.ModelsContributor, "I take over the weekly churn model refresh from January.", null, now.AddDays(-1).AddHours(-3));
            var omar = Request(db, events, Person("demo-omar"), PortalRoles.ComplianceAuditor, "Preparing the SOC 2 evidence with the audit team this quarter.", 30, now.AddDays(-21));
            Decide(db, events, omar, sam, ada, AccessRequestState.Approved, "For the SOC 2 fieldwork", now.AddDays(-20));
            var grace = Request(db, events, Person("demo-grace"), PortalRoles.Admin, "I want to change the health score weights myself.", 30, now.AddDays(-9));
            Decide(db, events, grace, sam, ada, AccessRequestState.Rejected, "Weights are the platform team's; ask them, or see the score's breakdown", now.AddDays(-8));
            var tom = Request(db, events, Person("demo-tom"), PortalRoles.BusinessViewer, "To see the dashboards the business sees.", null, now.AddDays(-12));
            tom.State = AccessRequestState.Withdrawn;
            Audit(events, Actor(Person("demo-tom")), AccessRequests.WithdrawnAction, "User", tom.RequesterId, () => new { requestId = tom.Id, tom.Role }, now.AddDays(-11));
            var mei = Request(db, events, Person("demo-mei"), PortalRoles.ExecutiveViewer, "To read the usage reports for my region.", 90, now.AddDays(-20));
            mei.State = AccessRequestState.Expired;
            Audit(events, AuditActor.System, AccessRequests.ExpiredAction, "User", mei.RequesterId, () => new { requestId = mei.Id, mei.Role }, mei.ExpiresAtUtc);

            // Saved first so the events can name the requests; then the events in the order they happened.
            await db.SaveChangesAsync(cancellationToken);
            // Created in the order they happened: the audit chain orders events by creation.
            db.AuditEvents.AddRange(events.OrderBy(e => e.At).Select(e => e.Create()).ToList());
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }, cancellationToken);
        await SeedReviewsAsync(db, ada, now, cancellationToken);
    }

    /// <summary>The reviews, from the directory as the sign-ins above left it.</summary>
    private async Task SeedReviewsAsync(PortalDbContext db, AuditActor ada, DateTime now, CancellationToken cancellationToken)
    {
        var everyone = await AccessReviewPopulation.PeopleAsync(people, cancellationToken);
        var privileged = new[] { PortalRoles.Admin, PortalRoles.DeploymentsApprover };
        var finished = await AccessReviewPopulation.ItemsAsync(people, everyone, privileged, now, cancellationToken);
        var started = now.AddDays(-100);
        foreach (var item in finished)
        {
            item.AppliedAtUtc = started.AddDays(14);
            if (item.PersonId == ada.Id)
            {
                // The only administrator cannot review her own access: the review's default (no change) decided it.
                item.DecidedByDefault = true;
                item.Result = AccessReviewResults.NoChange;
                continue;
            }

            item.Decision = ReviewDecision.Approve;
            item.Justification = "Still signs off releases for the fraud and churn models.";
            item.ReviewerId = ada.Id;
            item.ReviewerName = ada.Name;
            item.DecidedAtUtc = started.AddDays(3);
            item.Result = AccessReviewResults.Kept;
        }

        var running = await AccessReviewPopulation.ItemsAsync(people, everyone, [], now, cancellationToken);
        foreach (var item in running.Where(i => i.PersonId is "demo-priya" or "demo-omar" or "demo-grace"))
        {
            item.Decision = ReviewDecision.Approve;
            item.ReviewerId = ada.Id;
            item.ReviewerName = ada.Name;
            item.DecidedAtUtc = now.AddDays(-2);
        }

        foreach (var item in running.Where(i => i.PersonId == "demo-mei"))
        {
            item.Decision = ReviewDecision.Deny;
            item.Justification = "Moved to the data platform team; no longer reads these dashboards.";
            item.ReviewerId = ada.Id;
            item.ReviewerName = ada.Name;
            item.DecidedAtUtc = now.AddDays(-1);
        }

        db.Set<AccessReview>().AddRange(
            new AccessReview
            {
                Name = "Privileged roles, Q3 2026", Roles = [.. privileged], Reviewers = ReviewerChoice.Administrators, DurationDays = 14,
                Default = ReviewDefault.NoChange, RepeatEveryMonths = 0, State = AccessReviewState.Completed, StartedAtUtc = started,
                DueAtUtc = started.AddDays(14), ReminderSentAtUtc = started.AddDays(7), CompletedAtUtc = started.AddDays(14),
                StartedById = ada.Id, StartedByName = ada.Name, Items = finished,
            },
            new AccessReview
            {
                Name = "All roles, Q4 2026", Roles = [], Reviewers = ReviewerChoice.Administrators, DurationDays = 14, Default = ReviewDefault.NoChange,
                RepeatEveryMonths = 6, State = AccessReviewState.Running, StartedAtUtc = now.AddDays(-5), DueAtUtc = now.AddDays(9),
                StartedById = ada.Id, StartedByName = ada.Name, Items = running,
            });
        await db.SaveChangesAsync(cancellationToken);
    }

    private static AuditEvent Dated(AuditEvent e, DateTime at)
    {
        e.OccurredAtUtc = at;
        return e;
    }

    /// <summary>An event built after the save (so request ids are known), dated when it happened.</summary>
    private static void Audit(List<(DateTime At, Func<AuditEvent> Create)> events, AuditActor actor, string action, string entityType, string? entityId, Func<object> details, DateTime at) =>
        events.Add((at, () => Dated(AuditEvent.Create(actor, action, entityType, entityId, details()), at)));

    private static DemoPerson Person(string id) => People.Single(p => p.Id == id);

    private static AuditActor Actor(DevelopmentPersona persona) => new(persona.Id, persona.Name);

    private static AuditActor Actor(DemoPerson person) => new(person.Id, person.Name);

    /// <summary>Each person's sign-ins, spread evenly from their first to their last, carrying their roles as Entra issued them.</summary>
    private static void AddSignIns(List<(DateTime At, Func<AuditEvent> Create)> events, DateTime now)
    {
        var personas = DevelopmentPersonas.All.Concat(DevelopmentPersonas.Additional).Where(p => p.Role is not null)
            .Select(p => new DemoPerson(p.Id, p.Name, p.Email, [p.Role!], 180, 1, 30));
        foreach (var person in People.Concat(personas))
        {
            var first = now.AddDays(-person.FirstDaysAgo);
            var step = (now.AddDays(-person.LastDaysAgo) - first) / Math.Max(person.SignIns - 1, 1);
            for (var i = 0; i < person.SignIns; i++)
            {
                Audit(events, Actor(person), PeopleDirectory.SignInAction, "User", person.Id,
                    () => new { roles = person.Roles, upn = person.Email, method = "AuthenticationTypes.Federation" }, first + (step * i));
            }
        }
    }

    private static AccessRequest Request(PortalDbContext db, List<(DateTime At, Func<AuditEvent> Create)> events, DemoPerson person, string role, string justification, int? days, DateTime at)
    {
        var request = new AccessRequest
        {
            RequesterId = person.Id, RequesterName = person.Name, RequesterPrincipalName = person.Email, Role = role, Justification = justification,
            DurationDays = days, State = AccessRequestState.Pending, RequestedAtUtc = at, ExpiresAtUtc = at + AccessRequests.ExpiresAfter,
        };
        db.Set<AccessRequest>().Add(request);
        Audit(events, Actor(person), AccessRequests.RequestedAction, "User", person.Id, () => new { requestId = request.Id, role, durationDays = days, justification }, at);
        return request;
    }

    /// <summary>Support decides ordinary roles, the administrator privileged ones; an approval gives its grant.</summary>
    private static void Decide(PortalDbContext db, List<(DateTime At, Func<AuditEvent> Create)> events, AccessRequest request, AuditActor support, AuditActor admin, AccessRequestState state, string comment, DateTime at)
    {
        var decider = AccessGrants.IsPrivileged(request.Role) ? admin : support;
        request.State = state;
        request.DecidedById = decider.Id;
        request.DecidedByName = decider.Name;
        request.DecidedAtUtc = at;
        request.DecisionComment = comment;
        var approved = state == AccessRequestState.Approved;
        Audit(events, decider, approved ? AccessRequests.ApprovedAction : AccessRequests.RejectedAction, "User", request.RequesterId,
            () => new { requestId = request.Id, request.Role, request.DurationDays, comment }, at);
        if (approved)
        {
            var grant = new RoleGrant
            {
                PersonId = request.RequesterId, PersonName = request.RequesterName, Role = request.Role, Provisioning = AccessOptions.Portal,
                GrantedById = decider.Id, GrantedByName = decider.Name, GrantedAtUtc = at, EndsAtUtc = at.AddDays(request.DurationDays ?? 0),
            };
            db.Set<RoleGrant>().Add(grant);
            // Ids exist once saved: the events are built after the save, and so are these links.
            events.Add((at, () =>
            {
                grant.RequestId = request.Id;
                request.GrantId = grant.Id;
                return Dated(AuditEvent.Create(decider, AccessGrants.GrantedAction, "User", request.RequesterId,
                    new { person = request.RequesterName, request.Role, requestId = request.Id, endsAtUtc = grant.EndsAtUtc, provisioning = AccessOptions.Portal }), at);
            }));
        }
    }
}
