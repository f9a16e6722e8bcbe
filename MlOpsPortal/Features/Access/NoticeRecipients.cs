using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Notifications;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Access;

/// <summary>
/// The people directory answering the features below it (<see cref="INoticeRecipients"/>): role holders as
/// <see cref="PeopleDirectory"/> knows them (latest sign-in, grants and removals since), and each person's sign-in name
/// as their mail address when it is one (Entra's preferred_username is the user principal name, usually the address).
/// </summary>
internal sealed class NoticeRecipients(IDbContextFactory<PortalDbContext> dbFactory, PeopleDirectory people) : INoticeRecipients
{
    public Task<IReadOnlyList<string>> HoldersAsync(PortalDbContext db, IReadOnlyCollection<string> roles, CancellationToken cancellationToken) =>
        people.HoldersAsync(db, roles, cancellationToken);

    public async Task<IReadOnlyDictionary<string, NoticeAddress>> AddressesAsync(IReadOnlyCollection<string> personIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(personIds);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = personIds.ToList();
        var latest = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Action == PeopleDirectory.SignInAction && e.EntityId != null && ids.Contains(e.EntityId))
            .GroupBy(e => e.EntityId!).Select(g => g.Max(e => e.Sequence)).ToListAsync(cancellationToken);
        var signIns = await db.AuditEvents.AsNoTracking().Where(e => latest.Contains(e.Sequence))
            .Select(e => new { Id = e.EntityId!, e.ActorName, e.Details }).ToListAsync(cancellationToken);
        return signIns
            .Select(s => (s.Id, s.ActorName, Email: PeopleDirectory.Read(s.Details).PrincipalName))
            .Where(s => MailOptions.IsEmailAddress(s.Email))
            .ToDictionary(s => s.Id, s => new NoticeAddress(s.Id, s.ActorName, s.Email!), StringComparer.Ordinal);
    }
}
