using System.Data.Common;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Notifications;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Access;

/// <summary>A grant as pages and the API show it.</summary>
public sealed record GrantView(
    int Id, string PersonId, string PersonName, string Role, string Provisioning, int? RequestId, string GrantedByName, DateTime GrantedAtUtc,
    DateTime? EndsAtUtc, DateTime? EndedAtUtc, string? EndedByName, string? EndReason);

/// <summary>
/// Gives and takes roles: through <see cref="IRoleProvisioner"/> where the role lives, and in the portal's own records
/// (<see cref="RoleGrant"/>, <see cref="RoleRemoval"/>) so the change counts from the person's next action.
/// </summary>
public sealed class AccessGrants(
    IDbContextFactory<PortalDbContext> dbFactory,
    IRoleProvisioner provisioner,
    CurrentRoles currentRoles,
    NotificationsService notifications,
    IAuthorizationService authorization,
    TimeProvider clock,
    ILogger<AccessGrants> logger)
{
    public const string GrantedAction = "access.granted";
    public const string RevokedAction = "access.revoked";
    public const string ExpiredAction = "access.grant-expired";
    public const string RemovedAction = "access.removed";

    /// <summary>Roles only administrators may give or take: they change the rules, or sign off production.</summary>
    public static bool IsPrivileged(string role) => role is PortalRoles.Admin or PortalRoles.DeploymentsApprover;

    public async Task<IReadOnlyList<GrantView>> ListForAsync(ClaimsPrincipal user, string personId, CancellationToken cancellationToken = default)
    {
        await authorization.EnsureAsync(user, Policies.ViewPeople, "Support engineers, auditors and administrators see who has access.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<RoleGrant>().AsNoTracking().Where(g => g.PersonId == personId).OrderByDescending(g => g.GrantedAtUtc)
            .Select(g => new GrantView(g.Id, g.PersonId, g.PersonName, g.Role, g.Provisioning, g.RequestId, g.GrantedByName, g.GrantedAtUtc,
                g.EndsAtUtc, g.EndedAtUtc, g.EndedByName, g.EndReason))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The signed-in person's own grants, running and ended, newest first: everyone may see what they were given.</summary>
    public async Task<IReadOnlyList<GrantView>> ListMineAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.UserId() is not { } me)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<RoleGrant>().AsNoTracking().Where(g => g.PersonId == me).OrderByDescending(g => g.GrantedAtUtc)
            .Select(g => new GrantView(g.Id, g.PersonId, g.PersonName, g.Role, g.Provisioning, g.RequestId, g.GrantedByName, g.GrantedAtUtc,
                g.EndsAtUtc, g.EndedAtUtc, g.EndedByName, g.EndReason))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Applies the role where it lives (an Entra assignment with Graph; nothing with the portal's own grants), outside any
    /// transaction. Then either <see cref="RecordAsync"/> in the transaction that decides it, or <see cref="UndoAsync"/>.
    /// </summary>
    internal async Task<AppliedRole> ApplyAsync(string personId, string role, CancellationToken cancellationToken) =>
        new(personId, role, await provisioner.AddAsync(personId, role, cancellationToken));

    /// <summary>Adds the grant of an applied role, its audit event and the end of any standing removal to <paramref name="db"/>; the caller saves.</summary>
    internal async Task<RoleGrant> RecordAsync(
        PortalDbContext db, AuditActor actor, AppliedRole applied, string personName, DateTime? endsAtUtc, int? requestId, CancellationToken cancellationToken)
    {
        var (personId, role, (assignment, _)) = applied;
        var now = clock.GetUtcNow().UtcDateTime;
        var grant = new RoleGrant
        {
            PersonId = personId, PersonName = personName, Role = role, Provisioning = provisioner.Name, ExternalAssignmentId = assignment,
            RequestId = requestId, GrantedById = actor.Id, GrantedByName = actor.Name, GrantedAtUtc = now, EndsAtUtc = endsAtUtc,
        };
        db.Set<RoleGrant>().Add(grant);
        foreach (var removal in await db.Set<RoleRemoval>().Where(r => r.PersonId == personId && r.Role == role && r.ClearedAtUtc == null).ToListAsync(cancellationToken))
        {
            removal.ClearedAtUtc = now;
        }

        db.AddAuditEvent(actor, GrantedAction, "User", personId,
            new { person = personName, role, endsAtUtc, requestId, provisioning = provisioner.Name, assignmentId = assignment });
        return grant;
    }

    /// <summary>
    /// The grant of an applied role was not saved: take the role back where it was applied, so Entra and the portal agree.
    /// Only an assignment this call created, and none a saved grant holds (two decisions raced, and the one that lost
    /// took over the winner's): one the person held before stays.
    /// </summary>
    internal async Task UndoAsync(AppliedRole applied)
    {
        if (applied.Assignment is not { Created: true, Id: { } assignment })
        {
            return;
        }

        try
        {
            await using (var db = await dbFactory.CreateDbContextAsync())
            {
                if (await db.Set<RoleGrant>().AnyAsync(g => g.ExternalAssignmentId == assignment && g.EndedAtUtc == null))
                {
                    return;
                }
            }

            await provisioner.RemoveAsync(applied.PersonId, applied.Role, assignment, CancellationToken.None);
        }
        catch (Exception e) when (e is ProvisioningException or HttpRequestException or DbException)
        {
            logger.LogError(e, "The grant of {Role} to {Person} was not saved and could not be taken back; the drift check will report it.", applied.Role, applied.PersonId);
        }
    }

    /// <summary>Called after a change to <paramref name="personId"/>'s access is saved: their next action sees it.</summary>
    internal void Changed(string personId) => currentRoles.Forget(personId);

    /// <summary>Support engineers and administrators revoke a grant (administrators alone for privileged roles); it stops working at once.</summary>
    public async Task RevokeAsync(ClaimsPrincipal user, int grantId, string? reason, CancellationToken cancellationToken = default)
    {
        await authorization.EnsureAsync(user, Policies.ManageAccess, "Support engineers and administrators revoke access.");
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw PortalValidationException.For("reason", "Say why the access is revoked; the person and the auditors read it.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var grant = await db.Set<RoleGrant>().SingleOrDefaultAsync(g => g.Id == grantId, cancellationToken)
            ?? throw new PortalNotFoundException($"There is no grant {grantId}.");
        if (IsPrivileged(grant.Role))
        {
            await authorization.EnsureAsync(user, Policies.Admin, $"Only administrators revoke {grant.Role}.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (!grant.IsActiveAt(now))
        {
            throw new PortalConflictException($"This grant of {grant.Role} already ended ({grant.EndReason ?? "expired"}).");
        }

        var actor = AuditActor.From(user);
        await EndAsync(db, grant, actor, reason.Trim(), RevokedAction, cancellationToken);
        await notifications.AddAsync(db, [new Notice(grant.PersonId, $"grant:{grant.Id}:revoked", $"Your {grant.Role} access was revoked by {actor.Name}: {reason.Trim()}", AccessLinks.MyAccess, true)], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        Changed(grant.PersonId);
    }

    /// <summary>Ends one grant where it lives and in the portal, with a removal so a token that still carries the role is refused; the caller saves.</summary>
    internal async Task EndAsync(PortalDbContext db, RoleGrant grant, AuditActor actor, string reason, string action, CancellationToken cancellationToken)
    {
        await provisioner.RemoveAsync(grant.PersonId, grant.Role, grant.ExternalAssignmentId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        grant.EndedAtUtc = now;
        grant.EndedById = actor.Id;
        grant.EndedByName = actor.Name;
        grant.EndReason = reason;
        AddRemoval(db, grant.PersonId, grant.Role, actor, reason, now);
        db.AddAuditEvent(actor, action, "User", grant.PersonId, new { person = grant.PersonName, grant.Role, grantId = grant.Id, reason, grant.EndsAtUtc });
    }

    /// <summary>
    /// Takes a role from a person whatever its source (an access review's denial): ends their grants of it, removes the
    /// Entra assignment, and records the removal. The caller saves, then calls <see cref="Changed"/>.
    /// </summary>
    internal async Task RemoveRoleAsync(PortalDbContext db, AuditActor actor, string personId, string personName, string role, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var grants = await db.Set<RoleGrant>().Where(g => g.PersonId == personId && g.Role == role && g.EndedAtUtc == null).ToListAsync(cancellationToken);
        foreach (var grant in grants)
        {
            await provisioner.RemoveAsync(personId, role, grant.ExternalAssignmentId, cancellationToken);
            grant.EndedAtUtc = now;
            grant.EndedById = actor.Id;
            grant.EndedByName = actor.Name;
            grant.EndReason = reason;
        }

        if (grants.Count == 0)
        {
            await provisioner.RemoveAsync(personId, role, null, cancellationToken);
        }

        AddRemoval(db, personId, role, actor, reason, now);
        db.AddAuditEvent(actor, RemovedAction, "User", personId, new { person = personName, role, reason });
    }

    private static void AddRemoval(PortalDbContext db, string personId, string role, AuditActor actor, string reason, DateTime now) =>
        db.Set<RoleRemoval>().Add(new RoleRemoval
        {
            PersonId = personId, Role = role, RemovedAtUtc = now, RemovedById = actor.Id, RemovedByName = actor.Name, Reason = reason,
        });
}

/// <summary>A role applied where it lives but not yet recorded.</summary>
internal sealed record AppliedRole(string PersonId, string Role, RoleAssignment Assignment);
