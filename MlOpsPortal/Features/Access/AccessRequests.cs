using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Notifications;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Infrastructure.Architecture;

namespace MlOpsPortal.Features.Access;

public sealed record AccessRequestInput(string? Role, string? Justification, int? DurationDays);

[FeatureContract]
public sealed record AccessRequestView(
    int Id, string RequesterId, string RequesterName, string? RequesterPrincipalName, string Role, string Justification, int? DurationDays,
    AccessRequestState State, DateTime RequestedAtUtc, DateTime ExpiresAtUtc, string? DecidedByName, DateTime? DecidedAtUtc, string? DecisionComment,
    int? GrantId, int Revision);

[FeatureContract]
public sealed record AccessRequestQuery(AccessRequestState? State = null, bool MineOnly = false, int PageIndex = 0, int PageSize = 25);

/// <summary>
/// Access requests (issue 13 §2): anyone signed in asks for a role with a reason and a duration; a support engineer
/// or an administrator decides (an administrator for <see cref="AccessGrants.IsPrivileged"/> roles), never the
/// requester; undecided requests expire after <see cref="ExpiresAfter"/>. Every change is conditional on the
/// request's revision and saved with its audit event and notices.
/// </summary>
[FeatureContract]
public sealed class AccessRequests(
    IDbContextFactory<PortalDbContext> dbFactory,
    AccessGrants grants,
    PeopleDirectory people,
    NotificationsService notifications,
    IAuthorizationService authorization,
    TimeProvider clock)
{
    public static readonly TimeSpan ExpiresAfter = TimeSpan.FromDays(14);
    public static IReadOnlyList<int> Durations { get; } = [30, 90, 180];

    public const string RequestedAction = "access.requested";
    public const string ApprovedAction = "access.request-approved";
    public const string RejectedAction = "access.request-rejected";
    public const string WithdrawnAction = "access.request-withdrawn";
    public const string ExpiredAction = "access.request-expired";

    public async Task<AccessRequestView> SubmitAsync(ClaimsPrincipal user, AccessRequestInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(input);
        if (user.Identity?.IsAuthenticated != true || user.Identity.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName || user.UserId() is not { } requesterId)
        {
            throw new UnauthorizedAccessException("People ask for roles for themselves, signed in; API keys and applications cannot.");
        }

        var errors = new FieldErrors();
        var role = input.Role?.Trim();
        if (string.IsNullOrEmpty(role) || !PortalRoles.UserRoles.Contains(role))
        {
            errors.Add("role", $"Choose one of the portal's roles: {string.Join(", ", PortalRoles.UserRoles)}.");
        }
        else if (user.IsInRole(role) || user.Roles().Contains(role))
        {
            errors.Add("role", $"You already hold {role}.");
        }

        var justification = input.Justification?.Trim();
        if (string.IsNullOrEmpty(justification) || justification.Length < 10)
        {
            errors.Add("justification", "Say in a sentence why your work needs this role (at least 10 characters); the decider and the auditors read it.");
        }

        errors.MaxLength("justification", justification, 2000, "The justification");
        if (input.DurationDays is { } days && !Durations.Contains(days))
        {
            errors.Add("durationDays", "Choose 30, 90 or 180 days, or leave it empty for \"until revoked\".");
        }
        else if (input.DurationDays is null && role is not null && AccessGrants.IsPrivileged(role))
        {
            errors.Add("durationDays", $"{role} is privileged: ask for 30, 90 or 180 days; it is never granted until revoked.");
        }

        errors.ThrowIfAny();
        var now = clock.GetUtcNow().UtcDateTime;
        var actor = AuditActor.From(user);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<AccessRequest>().AnyAsync(r => r.RequesterId == requesterId && r.Role == role && r.State == AccessRequestState.Pending, cancellationToken))
        {
            throw new PortalConflictException($"You already have a pending request for {role}; withdraw it to ask again.");
        }

        var request = new AccessRequest
        {
            RequesterId = requesterId, RequesterName = actor.Name, RequesterPrincipalName = user.PrincipalName(), Role = role!,
            Justification = justification!, DurationDays = input.DurationDays, State = AccessRequestState.Pending,
            RequestedAtUtc = now, ExpiresAtUtc = now + ExpiresAfter,
        };
        await db.InTransactionAsync(async transaction =>
        {
            request.Id = 0;
            db.Set<AccessRequest>().Add(request);
            await db.SaveChangesAsync(cancellationToken);
            db.AddAuditEvent(actor, RequestedAction, "User", requesterId,
                new { requestId = request.Id, role, durationDays = input.DurationDays, justification });
            var deciders = await people.HoldersAsync(db, AccessGrants.IsPrivileged(role!) ? [PortalRoles.Admin] : [PortalRoles.Admin, PortalRoles.SupportEngineer], cancellationToken);
            await notifications.AddAsync(db, [.. deciders.Where(d => d != requesterId).Select(d => new Notice(
                d, $"access-request:{request.Id}:new:{d}", $"{actor.Name} asks for {role}: {Clip(justification!)}", AccessLinks.Request(request.Id), false))], cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }, cancellationToken);
        return View(request);
    }

    public Task<AccessRequestView> ApproveAsync(ClaimsPrincipal user, int id, string? comment, CancellationToken cancellationToken = default) =>
        DecideAsync(user, id, approve: true, comment, cancellationToken);

    public Task<AccessRequestView> RejectAsync(ClaimsPrincipal user, int id, string? comment, CancellationToken cancellationToken = default) =>
        DecideAsync(user, id, approve: false, comment, cancellationToken);

    /// <summary>Why <paramref name="user"/> may not decide <paramref name="request"/>, or null when they may (the pages ask before offering the buttons).</summary>
    public async Task<string?> RefusalAsync(ClaimsPrincipal user, AccessRequestView request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!(await authorization.AuthorizeAsync(user, Policies.ManageAccess)).Succeeded)
        {
            return "Support engineers and administrators decide access requests.";
        }

        if (request.RequesterId == user.UserId())
        {
            return "Nobody decides their own request: another support engineer or administrator must.";
        }

        if (AccessGrants.IsPrivileged(request.Role) && !(await authorization.AuthorizeAsync(user, Policies.Admin)).Succeeded)
        {
            return $"{request.Role} is privileged: only an administrator decides it.";
        }

        return null;
    }

    private async Task<AccessRequestView> DecideAsync(ClaimsPrincipal user, int id, bool approve, string? comment, CancellationToken cancellationToken)
    {
        await authorization.EnsureAsync(user, Policies.ManageAccess, "Support engineers and administrators decide access requests.");
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (!approve && comment is null)
        {
            throw PortalValidationException.For("comment", "Say why the request is rejected; the requester reads it.");
        }

        if (comment is { Length: > 2000 })
        {
            throw PortalValidationException.For("comment", $"The comment must be at most 2000 characters (it has {comment.Length}).");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var asked = await db.Set<AccessRequest>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw NotFound(id);
        if (await RefusalAsync(user, View(asked)) is { } refusal)
        {
            throw new UnauthorizedAccessException(refusal);
        }

        EnsurePending(asked, now);
        // The role is applied where it lives (Graph) before the transaction, never inside it: a transaction holds SQLite's
        // one writer, and from its first audited save the audit chain's lock, so every other write in the portal would
        // wait for Graph (up to its throttling retries). A transaction that does not commit takes it back afterwards.
        var applied = approve ? await grants.ApplyAsync(asked.RequesterId, asked.Role, cancellationToken) : null;
        AccessRequest request;
        try
        {
            // Read again inside the transaction, so a retry of the whole unit, or a decision that got there first, counts.
            request = await db.InTransactionAsync(async transaction =>
            {
                var request = await db.Set<AccessRequest>().SingleAsync(r => r.Id == id, cancellationToken);
                EnsurePending(request, now);
                var actor = AuditActor.From(user);
                request.State = approve ? AccessRequestState.Approved : AccessRequestState.Rejected;
                request.DecidedById = actor.Id;
                request.DecidedByName = actor.Name;
                request.DecidedAtUtc = now;
                request.DecisionComment = comment;
                request.Revision++;
                var grant = applied is null ? null : await grants.RecordAsync(db, actor, applied, request.RequesterName,
                    request.DurationDays is { } days ? now.AddDays(days) : null, request.Id, cancellationToken);
                db.AddAuditEvent(actor, approve ? ApprovedAction : RejectedAction, "User", request.RequesterId,
                    new { requestId = request.Id, request.Role, request.DurationDays, comment });
                var outcome = approve
                    ? $"Your request for {request.Role} was approved by {actor.Name}" + (request.DurationDays is { } d ? $" for {d} days." : " until revoked.")
                    : $"Your request for {request.Role} was rejected by {actor.Name}: {Clip(comment!)}";
                await notifications.AddAsync(db, [new Notice(request.RequesterId, $"access-request:{request.Id}:decided", outcome, AccessLinks.MyAccess, false)], cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                if (grant is not null)
                {
                    request.GrantId = grant.Id;
                    await db.SaveChangesAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                return request;
            }, cancellationToken);
        }
        catch (Exception e) when (applied is not null || e is DbUpdateConcurrencyException)
        {
            // Rolled back (a decision that got there first, a failed save): the role applied above goes back, unless a saved
            // grant holds that assignment (the decision that won took the same one over).
            if (applied is not null)
            {
                await grants.UndoAsync(applied);
            }

            if (e is DbUpdateConcurrencyException)
            {
                throw await RacedAsync(id, cancellationToken);
            }

            throw;
        }

        grants.Changed(request.RequesterId);
        return View(request);
    }

    /// <summary>The requester takes back a request nobody has decided yet.</summary>
    public async Task<AccessRequestView> WithdrawAsync(ClaimsPrincipal user, int id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await db.Set<AccessRequest>().SingleOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw NotFound(id);
        if (request.RequesterId != user.UserId())
        {
            throw new UnauthorizedAccessException("Only the person who asked withdraws a request.");
        }

        EnsurePending(request, clock.GetUtcNow().UtcDateTime);
        request.State = AccessRequestState.Withdrawn;
        request.Revision++;
        db.AddAuditEvent(AuditActor.From(user), WithdrawnAction, "User", request.RequesterId, new { requestId = request.Id, request.Role });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw await RacedAsync(id, cancellationToken);
        }

        return View(request);
    }

    /// <summary>Pending requests past their 14 days become Expired, and their requesters are told; run by the daily access job.</summary>
    public async Task<int> ExpireDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var due = await db.Set<AccessRequest>().Where(r => r.State == AccessRequestState.Pending && r.ExpiresAtUtc <= now).ToListAsync(cancellationToken);
        var expired = 0;
        foreach (var request in due)
        {
            request.State = AccessRequestState.Expired;
            request.Revision++;
            db.AddAuditEvent(AuditActor.System, ExpiredAction, "User", request.RequesterId,
                new { requestId = request.Id, request.Role, requestedAtUtc = request.RequestedAtUtc });
            await notifications.AddAsync(db, [new Notice(request.RequesterId, $"access-request:{request.Id}:expired",
                $"Your request for {request.Role} expired: nobody decided it within {ExpiresAfter.TotalDays:0} days. Ask again if you still need it.", AccessLinks.MyAccess, false)], cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                expired++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Decided or withdrawn a moment ago: that decision stands.
                db.ChangeTracker.Clear();
            }
        }

        return expired;
    }

    public async Task<Page<AccessRequestView>> ListAsync(ClaimsPrincipal user, AccessRequestQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var me = user.UserId();
        var mine = query.MineOnly || !(await authorization.AuthorizeAsync(user, Policies.ViewPeople)).Succeeded;
        var size = Math.Clamp(query.PageSize, 1, 200);
        var index = Math.Max(query.PageIndex, 0);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var requests = db.Set<AccessRequest>().AsNoTracking();
        if (mine)
        {
            requests = requests.Where(r => r.RequesterId == me);
        }

        if (query.State is { } state)
        {
            requests = requests.Where(r => r.State == state);
        }

        var total = await requests.CountAsync(cancellationToken);
        var items = await requests.OrderByDescending(r => r.RequestedAtUtc).ThenByDescending(r => r.Id).Skip(index * size).Take(size).ToListAsync(cancellationToken);
        return new Page<AccessRequestView>([.. items.Select(View)], total, index, size);
    }

    /// <summary>One request: the requester's own, or any for those who see people.</summary>
    public async Task<AccessRequestView> GetAsync(ClaimsPrincipal user, int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await db.Set<AccessRequest>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw NotFound(id);
        if (request.RequesterId != user.UserId())
        {
            await authorization.EnsureAsync(user, Policies.ViewPeople, "You see your own access requests; support engineers, auditors and administrators see everyone's.");
        }

        return View(request);
    }

    private static void EnsurePending(AccessRequest request, DateTime now)
    {
        if (request.State != AccessRequestState.Pending)
        {
            var by = request.DecidedByName is { } name ? $" by {name} at {Utc(request.DecidedAtUtc!.Value)}" : string.Empty;
            throw new PortalConflictException($"Request {request.Id} was already {request.State.ToString().ToLowerInvariant()}{by}.",
                new Dictionary<string, object?> { ["state"] = request.State.ToString() });
        }

        if (request.ExpiresAtUtc <= now)
        {
            throw new PortalConflictException($"Request {request.Id} expired at {Utc(request.ExpiresAtUtc)}: requests are decided within {ExpiresAfter.TotalDays:0} days. The requester can ask again.",
                new Dictionary<string, object?> { ["state"] = nameof(AccessRequestState.Expired) });
        }
    }

    private async Task<PortalConflictException> RacedAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var current = await db.Set<AccessRequest>().AsNoTracking().SingleAsync(r => r.Id == id, cancellationToken);
        try
        {
            EnsurePending(current, DateTime.MinValue);
            return new PortalConflictException($"Request {id} changed meanwhile; open it again.");
        }
        catch (PortalConflictException conflict)
        {
            return conflict;
        }
    }

    private static PortalNotFoundException NotFound(int id) => new($"There is no access request {id}.");

    private static string Utc(DateTime value) => value.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    private static string Clip(string text) => text.Length <= 120 ? text : text[..119] + "…";

    internal static AccessRequestView View(AccessRequest r) => new(
        r.Id, r.RequesterId, r.RequesterName, r.RequesterPrincipalName, r.Role, r.Justification, r.DurationDays, r.State, r.RequestedAtUtc,
        r.ExpiresAtUtc, r.DecidedByName, r.DecidedAtUtc, r.DecisionComment, r.GrantId, r.Revision);
}
