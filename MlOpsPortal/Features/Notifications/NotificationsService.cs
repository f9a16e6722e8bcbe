using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MlOpsPortal.Infrastructure.Architecture;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Notifications;

/// <summary>A notice to send: to whom, once per <paramref name="DedupKey"/>, what it says and where it leads.</summary>
/// <param name="Email">Also mailed when SMTP is configured; false where the sender mails something better itself (a scheduled report's PDF).</param>
[FeatureContract]
public sealed record Notice(string RecipientId, string DedupKey, string Title, string Link, bool Critical, bool Email = true);

[FeatureContract]
public sealed record NotificationView(long Id, string Title, string Link, bool Critical, DateTime CreatedAtUtc, bool Read);

/// <summary>
/// The bell's store. Every feature sends through <see cref="AddAsync"/>, inside its own unit of work, so a notice is
/// saved with the change it announces or not at all; the layout reads the rest.
/// </summary>
[FeatureContract]
public sealed class NotificationsService(IDbContextFactory<PortalDbContext> dbFactory, IOptions<MailOptions> mail, TimeProvider clock)
{
    /// <summary>
    /// Adds the notices not sent before to <paramref name="db"/>; the caller saves them with its own change. Returns those
    /// added. A notice sent meanwhile by a racing run makes the save fail as <see cref="IsAlreadySent"/>.
    /// </summary>
    public async Task<IReadOnlyList<Notice>> AddAsync(PortalDbContext db, IReadOnlyCollection<Notice> notices, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var keys = notices.Select(n => n.DedupKey).ToList();
        var sent = await db.Notifications.Where(n => keys.Contains(n.DedupKey)).Select(n => n.DedupKey).ToListAsync(cancellationToken);
        var fresh = notices.Where(n => !sent.Contains(n.DedupKey)).DistinctBy(n => n.DedupKey).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        // Only what happens while SMTP is configured is mailed: configuring it later does not mail a backlog.
        var mailing = mail.Value.Smtp.IsConfigured;
        db.Notifications.AddRange(fresh.Select(n => new PortalNotification
        {
            RecipientId = n.RecipientId, DedupKey = n.DedupKey, Title = n.Title, Link = n.Link, Critical = n.Critical, CreatedAtUtc = now,
            EmailPending = mailing && n.Email,
        }));
        return fresh;
    }

    /// <summary>The save failed because another run sent one of these notices a moment ago.</summary>
    public static bool IsAlreadySent(DbUpdateException exception) => DbErrors.IsUniqueViolation(exception, "Notifications", "DedupKey");

    public async Task<IReadOnlyList<NotificationView>> ListAsync(ClaimsPrincipal user, int take = 20, CancellationToken cancellationToken = default)
    {
        var me = AuditActor.From(user).Id;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Notifications.AsNoTracking().Where(n => n.RecipientId == me)
            .OrderByDescending(n => n.Id).Take(take)
            .Select(n => new NotificationView(n.Id, n.Title, n.Link, n.Critical, n.CreatedAtUtc, n.ReadAtUtc != null))
            .ToListAsync(cancellationToken);
    }

    // The bell's count, on every page: compiled once (see PortalSessionStore).
    private static readonly PerModelQuery<Func<PortalDbContext, string, Task<int>>> Unread = new(() => EF.CompileAsyncQuery(
        (PortalDbContext db, string me) => db.Notifications.Count(n => n.RecipientId == me && n.ReadAtUtc == null)));

    public async Task<int> UnreadCountAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var me = AuditActor.From(user).Id;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Unread.For(db)(db, me);
    }

    public async Task MarkReadAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var me = AuditActor.From(user).Id;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Notifications.Where(n => n.RecipientId == me && n.ReadAtUtc == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAtUtc, now), cancellationToken);
    }
}
