using MimeKit;
using MlOpsPortal.Features.Notifications;

namespace MlOpsPortal.Features.Reports;

/// <summary>One report to mail: who gets it, what the mail says, and the PDF exactly as archived.</summary>
public sealed record ReportMail(
    string ToAddress, string ToName, string Title, string Period, string Headline, string ReportPath, string SubscriptionsPath, byte[] Pdf,
    string PdfFileName);

/// <summary>Mails a report's PDF through the portal's SMTP server (<see cref="PortalMailer"/>, <c>Mail:Smtp</c>).</summary>
public sealed class ReportMailer(PortalMailer mailer)
{
    public bool IsConfigured => mailer.IsConfigured;

    public async Task SendAsync(ReportMail mail, CancellationToken cancellationToken)
    {
        using var message = Compose(mail);
        await mailer.SendAsync(message, cancellationToken);
    }

    /// <summary>The mail: subject "Title · period", the headline and a link in a short text, the PDF attached.</summary>
    public MimeMessage Compose(ReportMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var message = mailer.Message(mail.ToName, mail.ToAddress);
        message.Subject = $"{mail.Title} · {mail.Period}";
        var body = new BodyBuilder
        {
            TextBody = $"""
                {mail.Headline}

                Open the report: {mailer.Link(mail.ReportPath)}

                The PDF is attached, exactly as archived in the portal.

                You receive this {mail.Title.ToLowerInvariant()} because you subscribed to it. Change or cancel your subscriptions: {mailer.Link(mail.SubscriptionsPath)}
                """,
        };
        body.Attachments.Add(mail.PdfFileName, mail.Pdf, new ContentType("application", "pdf"));
        message.Body = body.ToMessageBody();
        return message;
    }
}
