using System.Security.Claims;
using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Features.Access;

/// <summary>
/// Who a review covers: everyone in the people directory holding a role in scope, one item per person × role, with
/// where the role comes from, when it was last used and what that recommends, as it all stands when the review starts.
/// </summary>
internal static class AccessReviewPopulation
{
    private const int PageSize = 200;

    /// <summary>
    /// The portal itself reading its directory: a recurring review is started by the job, with nobody signed in.
    /// Never handed to anything but <see cref="PeopleDirectory"/>.
    /// </summary>
    private static readonly ClaimsPrincipal Portal = new(new ClaimsIdentity(
        [new Claim(PortalClaims.ObjectId, "system"), new Claim(PortalClaims.Name, "System"), new Claim(PortalRoles.ClaimType, PortalRoles.Admin)],
        "System", PortalClaims.Name, PortalRoles.ClaimType));

    /// <summary>Everyone who has signed in, by id.</summary>
    public static async Task<IReadOnlyDictionary<string, PersonSummary>> PeopleAsync(PeopleDirectory people, CancellationToken cancellationToken)
    {
        var all = new Dictionary<string, PersonSummary>(StringComparer.Ordinal);
        for (var index = 0; ; index++)
        {
            var page = await people.ListAsync(Portal, new PeopleQuery(PageIndex: index, PageSize: PageSize), cancellationToken);
            foreach (var person in page.Items)
            {
                all[person.Id] = person;
            }

            if (page.Items.Count < PageSize)
            {
                return all;
            }
        }
    }

    /// <summary>The items of a review of <paramref name="roles"/> (empty: every user role), in person then role order.</summary>
    public static async Task<List<AccessReviewItem>> ItemsAsync(
        PeopleDirectory people, IReadOnlyDictionary<string, PersonSummary> everyone, IReadOnlyCollection<string> roles, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var scope = roles.Count == 0 ? PortalRoles.UserRoles : roles;
        var items = new List<AccessReviewItem>();
        foreach (var person in everyone.Values.Where(p => p.Roles.Any(scope.Contains)).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Id, StringComparer.Ordinal))
        {
            if (await people.GetAsync(Portal, person.Id, cancellationToken) is not { } view)
            {
                continue;
            }

            foreach (var role in view.Person.Roles.Where(r => scope.Contains(r) && PortalRoles.UserRoles.Contains(r)).Order(StringComparer.Ordinal))
            {
                var lastUsed = view.RoleUses.FirstOrDefault(u => u.Role == role)?.LastUsedUtc;
                var (recommendation, reason) = AccessReviewRules.Recommend(view.Person.LastSignInUtc, lastUsed, view.Person.FirstSignInUtc, nowUtc);
                items.Add(new AccessReviewItem
                {
                    PersonId = person.Id, PersonName = view.Person.Name, PrincipalName = view.Person.PrincipalName, Role = role,
                    Source = view.HeldRoles.FirstOrDefault(h => h.Role == role)?.Source ?? PeopleDirectory.EntraSource,
                    LastSignInUtc = view.Person.LastSignInUtc, RoleLastUsedUtc = lastUsed, Recommendation = recommendation, RecommendationReason = reason,
                });
            }
        }

        return items;
    }
}
