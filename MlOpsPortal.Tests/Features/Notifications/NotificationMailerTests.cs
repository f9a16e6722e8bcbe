using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using MlOpsPortal.Features.Notifications;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Infrastructure.Outbound;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Notifications;

/// <summary>Notices by e-mail (MailKit), received by a plain SMTP listener on loopback: once each, retried after a failure, never without SMTP.</summary>
public sealed class NotificationMailerTests : IAsyncLifetime
{
    private const string PortalBaseUrl = "https://portal.example.test";
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2027, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private PortalServices portal = null!;

    public async Task InitializeAsync()
    {
        portal = await PortalServices.StartAsync(clock);
        await portal.Services.RecordSignInsAsync(Personas.Approver, Personas.Contributor);
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();

    [Fact]
    public async Task Each_notice_is_mailed_once_to_the_sign_in_address_with_a_link_into_the_portal()
    {
        await using var smtp = new LoopbackSmtpServer();
        await SaveAsync(Configured(smtp), Notice(Personas.Approver.Id, "a", critical: true), Notice(Personas.Contributor.Id, "b"));

        var first = await Mailer(smtp, Configured(smtp), loopbackAllowed: true).SendPendingAsync(CancellationToken.None);
        var second = await Mailer(smtp, Configured(smtp), loopbackAllowed: true).SendPendingAsync(CancellationToken.None);

        Assert.Equal((2, 0), (first.Mailed, first.Failed));
        Assert.Equal(0, second.Mailed);
        Assert.Equal([[Personas.Approver.Email], [Personas.Contributor.Email]], smtp.Received.Select(m => m.To).OrderBy(t => t[0]));
        using var message = MimeMessage.Load(new MemoryStream(smtp.Received.Single(m => m.To[0] == Personas.Approver.Email).Raw));
        Assert.Equal("[Action needed] Notice a", message.Subject);
        Assert.Equal(("notices@example.test", Personas.Approver.Name), (message.From.Mailboxes.Single().Address, message.To.Mailboxes.Single().Name));
        Assert.Contains($"{PortalBaseUrl}/deployments/1", message.TextBody, StringComparison.Ordinal);
        Assert.All(await NotificationsAsync(), n => Assert.Equal((false, clock.GetUtcNow().UtcDateTime), (n.EmailPending, n.EmailedAtUtc)));
    }

    [Fact]
    public async Task A_failed_send_is_tried_again_on_the_next_pass_and_then_mailed_once()
    {
        await using var smtp = new LoopbackSmtpServer();
        await SaveAsync(Configured(smtp), Notice(Personas.Approver.Id, "a"));

        // Loopback is refused unless an administrator allows it as an outbound host: the send fails.
        var refused = await Mailer(smtp, Configured(smtp), loopbackAllowed: false).SendPendingAsync(CancellationToken.None);
        Assert.Equal((0, 1), (refused.Mailed, refused.Failed));
        Assert.Empty(smtp.Received);
        Assert.True(Assert.Single(await NotificationsAsync()).EmailPending);

        var retried = await Mailer(smtp, Configured(smtp), loopbackAllowed: true).SendPendingAsync(CancellationToken.None);
        Assert.Equal(1, retried.Mailed);
        Assert.Single(smtp.Received);
    }

    [Fact]
    public async Task Nothing_is_mailed_without_smtp_not_even_once_it_is_configured_later()
    {
        await using var smtp = new LoopbackSmtpServer();
        await SaveAsync(new MailOptions(), Notice(Personas.Approver.Id, "a"));

        Assert.Equal(0, (await Mailer(smtp, new MailOptions(), loopbackAllowed: true).SendPendingAsync(CancellationToken.None)).Mailed);
        Assert.Equal(0, (await Mailer(smtp, Configured(smtp), loopbackAllowed: true).SendPendingAsync(CancellationToken.None)).Mailed);
        Assert.Empty(smtp.Received);
    }

    [Fact]
    public async Task Notices_their_sender_mails_itself_people_without_an_address_and_stale_notices_get_no_mail()
    {
        await using var smtp = new LoopbackSmtpServer();
        await SaveAsync(Configured(smtp), Notice(Personas.Approver.Id, "report") with { Email = false }, Notice("never-signed-in", "nobody"));
        var run = await Mailer(smtp, Configured(smtp), loopbackAllowed: true).SendPendingAsync(CancellationToken.None);
        Assert.Equal((0, 1), (run.Mailed, run.WithoutAddress));

        await SaveAsync(Configured(smtp), Notice(Personas.Contributor.Id, "old"));
        clock.Advance(NotificationMailer.MaxAge + TimeSpan.FromMinutes(1));
        Assert.Equal(0, (await Mailer(smtp, Configured(smtp), loopbackAllowed: true).SendPendingAsync(CancellationToken.None)).Mailed);
        Assert.Empty(smtp.Received);
    }

    private static MailOptions Configured(LoopbackSmtpServer smtp) => new()
    {
        PortalBaseUrl = PortalBaseUrl,
        Smtp = new SmtpOptions { Host = smtp.Host, Port = smtp.Port, UseStartTls = false, From = "notices@example.test", FromName = "Portal notices" },
    };

    private static Notice Notice(string recipient, string name, bool critical = false) =>
        new(recipient, $"test:{name}:{recipient}", $"Notice {name}", "/deployments/1", critical);

    /// <summary>Saves notices as a feature does, through a service that sees <paramref name="mail"/> as the portal's settings.</summary>
    private async Task SaveAsync(MailOptions mail, params Notice[] notices)
    {
        var service = ActivatorUtilities.CreateInstance<NotificationsService>(portal.Services, Options.Create(mail));
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        await service.AddAsync(db, notices);
        await db.SaveChangesAsync();
    }

    private NotificationMailer Mailer(LoopbackSmtpServer smtp, MailOptions mail, bool loopbackAllowed)
    {
        var outbound = new OutboundOptions();
        if (loopbackAllowed)
        {
            outbound.AllowedHosts.Add(smtp.Host);
        }

        var guard = new OutboundGuard(Options.Create(outbound), portal.Services.GetRequiredService<IHostEnvironment>());
        return new NotificationMailer(portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>(), new PortalMailer(Options.Create(mail), guard, portal.Services.GetRequiredService<TransactionRule>()),
            portal.Services.GetRequiredService<INoticeRecipients>(), clock, NullLogger<NotificationMailer>.Instance);
    }

    private Task<List<PortalNotification>> NotificationsAsync() => portal.QueryAsync(db => db.Notifications.AsNoTracking().ToListAsync());
}
