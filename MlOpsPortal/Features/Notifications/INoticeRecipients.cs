using MlOpsPortal.Infrastructure.Architecture;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Notifications;

/// <summary>A person a notice can be mailed to: the address their latest sign-in gave.</summary>
[FeatureContract]
public sealed record NoticeAddress(string PersonId, string Name, string Email);

/// <summary>
/// Who the portal knows, for features below Access that must address people they never met: the holders of a role (an
/// approver for a new deployment request) and where to mail someone. Access implements it from the sign-ins and grants.
/// </summary>
[FeatureContract]
public interface INoticeRecipients
{
    /// <summary>The ids of the people who hold any of <paramref name="roles"/> now, read inside the caller's unit of work.</summary>
    Task<IReadOnlyList<string>> HoldersAsync(PortalDbContext db, IReadOnlyCollection<string> roles, CancellationToken cancellationToken);

    /// <summary>The mail address of each of these people that has one; people without a usable address are left out.</summary>
    Task<IReadOnlyDictionary<string, NoticeAddress>> AddressesAsync(IReadOnlyCollection<string> personIds, CancellationToken cancellationToken);
}
