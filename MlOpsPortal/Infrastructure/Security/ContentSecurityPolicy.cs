using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace MlOpsPortal.Infrastructure.Security;

/// <summary>
/// The portal's Content-Security-Policy. Scripts come from the portal itself or carry the request's nonce (Blazor's
/// import map); pages the portal does not render itself (the Hangfire dashboard, the Scalar API reference) have
/// their inline scripts allowed by hash. Never <c>unsafe-eval</c>, never <c>unsafe-inline</c> scripts; inline styles
/// are allowed because MudBlazor and ApexCharts position and colour elements with style attributes.
/// </summary>
public static partial class ContentSecurityPolicy
{
    private const string NonceKey = "MlOpsPortal.CspNonce";

    /// <summary>The nonce of this request's policy, for a <c>nonce</c> attribute on an inline script.</summary>
    public static string NonceOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items[NonceKey] is not string nonce)
        {
            nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
        }

        return nonce;
    }

    public static string For(string nonce, IEnumerable<string> scriptHashes) =>
        string.Join("; ",
            "default-src 'self'",
            $"script-src 'self' 'nonce-{nonce}'{string.Concat(scriptHashes.Select(h => $" 'sha256-{h}'"))}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "frame-ancestors 'none'",
            "base-uri 'self'");

    /// <summary>SHA-256 (base64) of the text of every inline script element in a page.</summary>
    public static IReadOnlyList<string> InlineScriptHashes(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        return [.. InlineScript().Matches(html)
            .Select(m => m.Groups["body"].Value)
            .Where(body => body.Length > 0)
            .Select(body => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(body))))
            .Distinct()];
    }

    [GeneratedRegex(@"<script(?![^>]*\ssrc\s*=)[^>]*>(?<body>.*?)</script\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
