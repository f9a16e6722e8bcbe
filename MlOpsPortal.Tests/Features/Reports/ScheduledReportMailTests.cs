using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using MlOpsPortal.Features.Notifications;
using MlOpsPortal.Features.Reports;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Reports;

/// <summary>The scheduled report by e-mail (MailKit), received by a plain SMTP listener the test starts on loopback.</summary>
public sealed class ScheduledReportMailTests : ScheduledReportsTestContext
{
    private const string PortalBaseUrl = "https://portal.example.test";

    [Fact]
    public async Task The_subscriber_gets_one_mail_with_the_headline_a_link_and_the_archived_pdf_attached()
    {
        await using var smtp = new LoopbackSmtpServer();
        var subscription = await Subscriptions.SubscribeAsync(Personas.Executive, ReportKind.Executive, ReportCadence.Weekly, DayOfWeek.Monday, null,
            new TimeOnly(8, 0), "Europe/Berlin", null);
        At("2027-03-01T07:00:00Z");

        var run = await Job(Settings(smtp, useStartTls: false), smtp.Host).RunAsync(CancellationToken.None);
        await Job(Settings(smtp, useStartTls: false), smtp.Host).RunAsync(CancellationToken.None);

        Assert.Equal((1, 1), (run.Generated, run.Mailed));
        var received = Assert.Single(smtp.Received);
        Assert.Equal([Personas.Executive.Email], received.To);
        Assert.Equal("reports@example.test", received.From);
        using var message = MimeMessage.Load(new MemoryStream(received.Raw));
        var report = Assert.Single(await ReportsAsync());
        Assert.Equal(Personas.Executive.Email, message.To.Mailboxes.Single().Address);
        Assert.Equal($"Executive report · {ReportDocument.FromJson(report.Content!).PeriodText}", message.Subject);
        Assert.Contains(report.Headline!, message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{PortalBaseUrl}/reports/{report.Id}", message.TextBody, StringComparison.Ordinal);
        var attachment = Assert.IsType<MimePart>(Assert.Single(message.Attachments));
        Assert.Equal(("application/pdf", $"executive-report-2027-02-22-{report.Id}.pdf"), (attachment.ContentType.MimeType, attachment.FileName));
        using var pdf = new MemoryStream();
        await attachment.Content!.DecodeToAsync(pdf);
        var archived = await DbAsync(db => db.ReportFiles.SingleAsync(f => f.ReportId == report.Id && f.Format == "pdf"));
        Assert.Equal(archived.Sha256, Convert.ToHexStringLower(SHA256.HashData(pdf.ToArray())));
        Assert.Equal(1, await AuditCountAsync(SendScheduledReportsJob.MailedAction));
        Assert.NotEqual(subscription.NextRunUtc, (await SubscriptionAsync(subscription.Id)).NextRunUtc);
    }

    [Fact]
    public async Task A_server_without_starttls_is_refused_by_default_and_the_run_is_mailed_once_it_is_configured()
    {
        await using var smtp = new LoopbackSmtpServer();
        var subscription = await Subscriptions.SubscribeAsync(Personas.Auditor, ReportKind.SecurityAudit, ReportCadence.Weekly, DayOfWeek.Monday, null,
            new TimeOnly(8, 0), "Etc/UTC", "audit-team@example.test");
        At("2027-03-01T08:00:00Z");

        var refused = await Job(Settings(smtp, useStartTls: true), smtp.Host).RunAsync(CancellationToken.None);

        // Generated and announced in the portal, but not mailed: the run stays due so the mail is tried again.
        Assert.Equal((0, 1), (refused.Mailed, refused.Failed));
        Assert.Empty(smtp.Received);
        Assert.Equal(subscription.NextRunUtc, (await SubscriptionAsync(subscription.Id)).NextRunUtc);

        var retried = await Job(Settings(smtp, useStartTls: false), smtp.Host).RunAsync(CancellationToken.None);

        Assert.Equal(1, retried.Mailed);
        Assert.Equal(["audit-team@example.test"], Assert.Single(smtp.Received).To);
        Assert.Single(await ReportsAsync());
    }

    [Fact]
    public async Task Loopback_is_not_reached_unless_allowed_as_an_outbound_host()
    {
        await using var smtp = new LoopbackSmtpServer();
        await Subscriptions.SubscribeAsync(Personas.Executive, ReportKind.Usage, ReportCadence.Weekly, DayOfWeek.Monday, null, new TimeOnly(8, 0), "Etc/UTC", null);
        At("2027-03-01T08:00:00Z");

        var run = await Job(Settings(smtp, useStartTls: false)).RunAsync(CancellationToken.None);

        Assert.Equal(1, run.Failed);
        Assert.Empty(smtp.Received);
    }

    private static MailOptions Settings(LoopbackSmtpServer smtp, bool useStartTls) => new()
    {
        PortalBaseUrl = PortalBaseUrl + "/",
        Smtp = new SmtpOptions { Host = smtp.Host, Port = smtp.Port, UseStartTls = useStartTls, From = "reports@example.test", FromName = "Portal reports" },
    };
}
