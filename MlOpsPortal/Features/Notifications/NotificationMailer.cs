using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Infrastructure.Hosting;

namespace MlOpsPortal.Features.Notifications;

public sealed record NoticeMailRun(int Mailed, int Failed, int WithoutAddress);

/// <summary>
/// Mails the notices saved while SMTP was configured (the outbox is <see cref="PortalNotification.EmailPending"/>). Each
/// notice is claimed by a conditional update before it is sent, so two instances or two passes mail it once; a failed
/// send gives the claim back and the next pass tries again, until the notice is older than <see cref="MaxAge"/>, when
/// a mail would only be noise beside the bell.
/// </summary>
public sealed partial class NotificationMailer(
    IDbContextFactory<PortalDbContext> dbFactory, PortalMailer mailer, INoticeRecipients recipients, TimeProvider clock, ILogger<NotificationMailer> logger)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(2);
    private const int Batch = 100;

    public async Task<NoticeMailRun> SendPendingAsync(CancellationToken cancellationToken)
    {
        int mailed = 0, failed = 0, withoutAddress = 0;
        var after = 0L;
        while (mailer.IsConfigured)
        {
            var since = clock.GetUtcNow().UtcDateTime - MaxAge;
            List<PortalNotification> pending;
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                pending = await db.Notifications.AsNoTracking().Where(n => n.EmailPending && n.CreatedAtUtc >= since && n.Id > after)
                    .OrderBy(n => n.Id).Take(Batch).ToListAsync(cancellationToken);
            }

            if (pending.Count == 0)
            {
                break;
            }

            after = pending[^1].Id;
            var addresses = await recipients.AddressesAsync([.. pending.Select(n => n.RecipientId).Distinct(StringComparer.Ordinal)], cancellationToken);
            foreach (var notice in pending)
            {
                if (!addresses.TryGetValue(notice.RecipientId, out var address))
                {
                    // Nobody to mail (a person whose sign-in name is no address): the bell is all they get.
                    withoutAddress += await ReleaseAsync(notice.Id, cancellationToken);
                    continue;
                }

                var now = clock.GetUtcNow().UtcDateTime;
                if (!await ClaimAsync(notice.Id, now, cancellationToken))
                {
                    continue;
                }

                try
                {
                    await SendAsync(notice, address, cancellationToken);
                    mailed++;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // SMTP down, refused or unreachable: the notice waits for the next pass.
                    LogFailed(logger, ex, notice.Id);
                    await GiveBackAsync(notice.Id, now, CancellationToken.None);
                    failed++;
                }
            }
        }

        return new NoticeMailRun(mailed, failed, withoutAddress);
    }

    private async Task SendAsync(PortalNotification notice, NoticeAddress address, CancellationToken cancellationToken)
    {
        using var message = mailer.Message(address.Name, address.Email);
        message.Subject = notice.Critical ? $"[Action needed] {notice.Title}" : notice.Title;
        message.Body = new MimeKit.TextPart("plain")
        {
            Text = string.Create(CultureInfo.InvariantCulture, $"""
                {notice.Title}

                Open it in the portal: {mailer.Link(notice.Link)}

                You get this mail because it concerns you or a model you follow; the portal's bell lists every notice.
                """),
        };
        await mailer.SendAsync(message, cancellationToken);
    }

    private async Task<bool> ClaimAsync(long id, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Notifications.Where(n => n.Id == id && n.EmailPending)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.EmailPending, false).SetProperty(n => n.EmailedAtUtc, now), cancellationToken) == 1;
    }

    private async Task GiveBackAsync(long id, DateTime claimedAt, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Notifications.Where(n => n.Id == id && !n.EmailPending && n.EmailedAtUtc == claimedAt)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.EmailPending, true).SetProperty(n => n.EmailedAtUtc, (DateTime?)null), cancellationToken);
    }

    private async Task<int> ReleaseAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Notifications.Where(n => n.Id == id && n.EmailPending).ExecuteUpdateAsync(s => s.SetProperty(n => n.EmailPending, false), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notice {NotificationId} could not be mailed; the next pass tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception, long notificationId);
}

/// <summary>Mails pending notices every <see cref="Interval"/>; nothing at all while SMTP is not configured.</summary>
internal sealed class NotificationMailerService(NotificationMailer mailer, BackgroundServiceHealth health, TimeProvider clock, ILogger<NotificationMailerService> logger)
    : SupervisedBackgroundService(health, clock, logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        // Real time, as the signal processor: a test moving a fake clock on by days must not replay a pass per interval.
        using var timer = new PeriodicTimer(Interval);
        do
        {
            await mailer.SendPendingAsync(stoppingToken);
            ReportRecovered();
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
