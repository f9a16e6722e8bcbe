using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Architecture;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Access;

/// <summary>
/// A person as their latest sign-in described them, for work done on their behalf while they are away (a scheduled
/// report): authorizing this principal through <c>IAuthorizationService</c> adds the portal's grants and removals since
/// (<see cref="CurrentRoles"/>), so it holds the roles the person holds now as far as the portal can know.
/// </summary>
[FeatureContract]
public sealed class SignedInPeople(IDbContextFactory<PortalDbContext> dbFactory)
{
    /// <summary>The authentication type of these principals: not a sign-in, a record of one.</summary>
    public const string AuthenticationType = "LatestSignIn";

    /// <summary>Null for someone who never signed in.</summary>
    public async Task<ClaimsPrincipal?> PrincipalAsync(string personId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(personId);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var latest = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Action == PeopleDirectory.SignInAction && e.EntityId == personId)
            .OrderByDescending(e => e.Sequence).Select(e => new { e.ActorName, e.Details }).FirstOrDefaultAsync(cancellationToken);
        if (latest is null)
        {
            return null;
        }

        var (roles, principalName) = PeopleDirectory.Read(latest.Details);
        var claims = new List<Claim> { new(PortalClaims.ObjectId, personId), new(PortalClaims.Name, latest.ActorName) };
        if (principalName is not null)
        {
            claims.Add(new Claim(PortalClaims.PreferredUsername, principalName));
        }

        claims.AddRange(roles.Select(role => new Claim(PortalRoles.ClaimType, role)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, AuthenticationType, PortalClaims.Name, PortalRoles.ClaimType));
    }
}
