using System.ComponentModel.DataAnnotations;
using System.Net.Mail;
using MlOpsPortal.Infrastructure.Architecture;

namespace MlOpsPortal.Features.Notifications;

/// <summary>
/// The <c>Mail</c> settings: the portal's address for links in mails, and the SMTP server that notices and scheduled
/// reports are mailed through. Without <c>Smtp:Host</c> and <c>Smtp:From</c> nothing is mailed; people find everything
/// in the portal's bell.
/// </summary>
[FeatureContract]
public sealed class MailOptions : IValidatableObject
{
    public const string SectionName = "Mail";

    /// <summary>The portal's public address (https://portal.example.com) put before links in mails; empty: links are site paths.</summary>
    public string PortalBaseUrl { get; set; } = string.Empty;

    public SmtpOptions Smtp { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(PortalBaseUrl)
            && !(Uri.TryCreate(PortalBaseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            yield return new ValidationResult(
                $"{SectionName}:PortalBaseUrl must be the portal's absolute http(s) address, such as https://portal.example.com (it is \"{PortalBaseUrl}\").",
                [nameof(PortalBaseUrl)]);
        }

        foreach (var problem in Smtp.Problems())
        {
            yield return new ValidationResult($"{SectionName}:Smtp:{problem}", [nameof(Smtp)]);
        }
    }

    /// <summary>A bare address (no display name) whose domain has a dot: what a mail can be sent to.</summary>
    public static bool IsEmailAddress(string? value) =>
        !string.IsNullOrWhiteSpace(value) && MailAddress.TryCreate(value, out var parsed) && parsed.Address == value && parsed.DisplayName.Length == 0
        && parsed.Host.Contains('.', StringComparison.Ordinal);
}

/// <summary>The SMTP server (a relay or a mail service's submission endpoint) the portal's mail goes through.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>Upgrade the connection with STARTTLS and refuse a server that does not offer it; false only for a relay on a trusted network (port 465: TLS from the start).</summary>
    public bool UseStartTls { get; set; } = true;

    public string? UserName { get; set; }

    /// <summary>A secret from the environment or a vault, never from appsettings in the repository.</summary>
    public string? Password { get; set; }

    /// <summary>The sender's address.</summary>
    public string? From { get; set; }

    /// <summary>The sender's display name.</summary>
    public string? FromName { get; set; }

    /// <summary>Mail is sent once both the server and the sender are set.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From);

    internal IEnumerable<string> Problems()
    {
        var hasHost = !string.IsNullOrWhiteSpace(Host);
        var hasFrom = !string.IsNullOrWhiteSpace(From);
        if (hasHost && !hasFrom)
        {
            yield return "From is required with Host: the address mail is sent from.";
        }

        if (hasFrom && !hasHost)
        {
            yield return "Host is required with From: the SMTP server mail is sent through.";
        }

        if (hasFrom && !MailOptions.IsEmailAddress(From))
        {
            yield return $"From must be an e-mail address such as portal@example.com (it is \"{From}\").";
        }

        if (Port is < 1 or > 65535)
        {
            yield return $"Port must be between 1 and 65535 (it is {Port}).";
        }

        if (!string.IsNullOrEmpty(Password) && string.IsNullOrWhiteSpace(UserName))
        {
            yield return "UserName is required with Password.";
        }
    }
}
