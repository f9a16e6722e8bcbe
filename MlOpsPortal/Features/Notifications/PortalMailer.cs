using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using MlOpsPortal.Infrastructure.Architecture;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Infrastructure.Outbound;

namespace MlOpsPortal.Features.Notifications;

/// <summary>
/// Sends the portal's mail through the SMTP server of <see cref="MailOptions"/> (MailKit): notices (<see cref="NotificationMailer"/>)
/// and scheduled reports. The server is reached like every outbound call (DESIGN §5): resolved and checked by
/// <see cref="OutboundGuard"/>, connected to the checked address.
/// </summary>
[FeatureContract]
public sealed class PortalMailer(IOptions<MailOptions> options, OutboundGuard guard, TransactionRule rule)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public bool IsConfigured => options.Value.Smtp.IsConfigured;

    /// <summary>An absolute link when the portal's address is configured; else the site path, which a reader opens in the portal.</summary>
    public string Link(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var settings = options.Value;
        return string.IsNullOrWhiteSpace(settings.PortalBaseUrl) ? path : settings.PortalBaseUrl.TrimEnd('/') + path;
    }

    /// <summary>A message from the portal's sender to one person; the caller adds the subject and body.</summary>
    public MimeMessage Message(string toName, string toAddress)
    {
        var smtp = options.Value.Smtp;
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(string.IsNullOrWhiteSpace(smtp.FromName) ? "MlOpsPortal" : smtp.FromName,
            smtp.From ?? throw new InvalidOperationException($"{MailOptions.SectionName}:Smtp:From is not set.")));
        message.To.Add(new MailboxAddress(toName, toAddress));
        return message;
    }

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var smtp = options.Value.Smtp;
        if (!smtp.IsConfigured)
        {
            throw new InvalidOperationException($"{MailOptions.SectionName}:Smtp is not configured (Host and From).");
        }

        rule.Refuse("An e-mail was sent");

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

    private static SecureSocketOptions Security(SmtpOptions smtp) =>
        smtp.UseStartTls ? SecureSocketOptions.StartTls : smtp.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.None;
}
