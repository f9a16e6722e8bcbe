using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using MlOpsPortal.Infrastructure.Outbound;

namespace MlOpsPortal.Features.Reports;

/// <summary>One report to mail: who gets it, what the mail says, and the PDF exactly as archived.</summary>
public sealed record ReportMail(
    string ToAddress, string ToName, string Title, string Period, string Headline, string ReportPath, string SubscriptionsPath, byte[] Pdf,
    string PdfFileName);

/// <summary>
/// Sends a report's PDF through the SMTP server of <see cref="ReportsSmtpOptions"/> (MailKit). The server is reached like
/// every outbound call (DESIGN §5): resolved and checked by <see cref="OutboundGuard"/>, connected to the checked address.
/// </summary>
public sealed class ReportMailer(IOptions<ReportsOptions> options, OutboundGuard guard)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public bool IsConfigured => options.Value.Smtp.IsConfigured;

    public async Task SendAsync(ReportMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var settings = options.Value;
        var smtp = settings.Smtp;
        if (!smtp.IsConfigured)
        {
            throw new InvalidOperationException($"{ReportsOptions.SectionName}:Smtp is not configured (Host and From).");
        }

        using var message = Compose(mail, settings);
        var addresses = await guard.ResolveAsync(smtp.Host!, cancellationToken);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, smtp.Port, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        // The client owns the socket from here; the host name still decides what the TLS certificate must name.
        await client.ConnectAsync(socket, smtp.Host!, smtp.Port, Security(smtp), cancellationToken);
        if (!string.IsNullOrWhiteSpace(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    /// <summary>The mail: subject "Title · period", the headline and a link in a short text, the PDF attached.</summary>
    public static MimeMessage Compose(ReportMail mail, ReportsOptions settings)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(settings);
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(string.IsNullOrWhiteSpace(settings.Smtp.FromName) ? "MlOpsPortal" : settings.Smtp.FromName, settings.Smtp.From ?? throw new InvalidOperationException($"{ReportsOptions.SectionName}:Smtp:From is not set.")));
        message.To.Add(new MailboxAddress(mail.ToName, mail.ToAddress));
        message.Subject = $"{mail.Title} · {mail.Period}";
        var body = new BodyBuilder
        {
            TextBody = $"""
                {mail.Headline}

                Open the report: {Link(settings, mail.ReportPath)}

                The PDF is attached, exactly as archived in the portal.

                You receive this {mail.Title.ToLowerInvariant()} because you subscribed to it. Change or cancel your subscriptions: {Link(settings, mail.SubscriptionsPath)}
                """,
        };
        body.Attachments.Add(mail.PdfFileName, mail.Pdf, new ContentType("application", "pdf"));
        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>An absolute link when the portal's address is configured; else the site path, which a reader opens in the portal.</summary>
    public static string Link(ReportsOptions settings, string path)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return string.IsNullOrWhiteSpace(settings.PortalBaseUrl) ? path : settings.PortalBaseUrl.TrimEnd('/') + path;
    }

    private static SecureSocketOptions Security(ReportsSmtpOptions smtp) =>
        smtp.UseStartTls ? SecureSocketOptions.StartTls : smtp.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.None;
}
