using System.Security.Cryptography;

namespace MlOpsPortal.Infrastructure.Security;

/// <summary>
/// The portal's Content-Security-Policy. Scripts come from the portal itself or carry the request's nonce (Blazor's
/// import map). The one library page with an inline script (the Scalar API reference) has that script allowed by a
/// hash pinned here, never by hashing whatever a response contains: that would allow any script injected into it.
/// Never <c>unsafe-eval</c>, never <c>unsafe-inline</c> scripts; inline styles are allowed because MudBlazor and
/// ApexCharts position and colour elements with style attributes.
/// </summary>
public static class ContentSecurityPolicy
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

    /// <summary>
    /// SHA-256 (base64) of the inline start-up script of the Scalar API reference (Scalar.AspNetCore 2.19.0 with the
    /// portal's options). The script quotes the address it is served at, so there is one per address: <c>/scalar/</c>
    /// (where <c>/scalar</c> redirects), <c>/scalar/v1</c> and <c>/scalar/v1/</c>. SecurityHeadersTests fails, naming
    /// the new hash, when an upgrade or an option changes the script. The Hangfire dashboard has no inline script.
    /// </summary>
    public static readonly IReadOnlyList<string> ApiReferenceScriptHashes =
    [
        "p9jKzA+7LNVXzor4GdbZlrqVax9MHsr2V6H6u+IbTFU=",
        "1BldMth3jdPlHOzpguKV3GZHTdMVnlefwKpP2ub5ES4=",
        "9A/KNvtevLBvBItpXFczp///gkFuYhDFbig+iU8nT0M=",
    ];

    /// <summary>The pinned inline-script hashes a response at <paramref name="path"/> may use.</summary>
    public static IReadOnlyList<string> PinnedScriptHashesFor(PathString path) =>
        path.StartsWithSegments(Api.PortalApi.ReferencePath, StringComparison.OrdinalIgnoreCase) ? ApiReferenceScriptHashes : [];

    /// <summary>
    /// The policy of <c>/api</c> responses: the portal's, without a nonce (JSON has no inline script to allow), so the
    /// same for every response.
    /// </summary>
    public static string ForApi { get; } = Build("'self'");

    public static string For(string nonce, IEnumerable<string> scriptHashes) =>
        Build($"'self' 'nonce-{nonce}'{string.Concat(scriptHashes.Select(h => $" 'sha256-{h}'"))}");

    private static string Build(string scriptSources) =>
        string.Join("; ",
            "default-src 'self'",
            $"script-src {scriptSources}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "frame-ancestors 'none'",
            "base-uri 'self'");
}
