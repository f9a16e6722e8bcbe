using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Infrastructure.Security;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Infrastructure.Security;

/// <summary>Every page the portal serves carries the security headers, library pages and error pages included.</summary>
public sealed class SecurityHeadersTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    /// <summary>Pages that are not Razor components, an unknown address, a static asset, and the API (whose policy has no nonce).</summary>
    private static readonly string[] OtherPaths = ["/hangfire", "/hangfire/jobs/enqueued", "/scalar", "/health", "/no-such-page", "/favicon.svg", "/api/v1/models", "/api/v1/no-such-endpoint"];

    [Fact]
    public async Task Every_page_carries_the_content_security_policy_and_the_other_headers()
    {
        var paths = PagePaths().Concat(OtherPaths).ToList();
        Assert.Contains("/account/dev-sign-in", paths);
        Assert.True(paths.Count > 15, $"Only {paths.Count} pages were found: {string.Join(", ", paths)}");
        using var admin = app.CreateClientAs(Personas.Admin);
        using var anonymous = app.CreateClientAs(null);

        foreach (var path in paths)
        {
            foreach (var client in new[] { admin, anonymous })
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                AssertHeaders(path, response);
            }
        }
    }

    [Fact]
    public async Task Library_pages_allow_exactly_their_pinned_inline_scripts_and_no_other()
    {
        using var admin = app.CreateClientAs(Personas.Admin);

        foreach (var path in new[] { "/hangfire", "/hangfire/jobs/enqueued", "/hangfire/recurring", "/scalar/", "/scalar/v1", "/scalar/v1/" })
        {
            using var response = await admin.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            var allowed = Regex.Matches(policy, "'sha256-([^']+)'").Select(m => m.Groups[1].Value).ToList();
            var pinned = ContentSecurityPolicy.PinnedScriptHashesFor(new PathString(path));
            // The policy names the pinned hashes only: a script injected into the page is never allowed by its own hash.
            Assert.Equal(pinned.Order(StringComparer.Ordinal), allowed.Order(StringComparer.Ordinal));
            foreach (var hash in InlineScriptHashes(html))
            {
                Assert.True(pinned.Contains(hash), $"{path} has an inline script with hash {hash} that is not pinned in ContentSecurityPolicy (a library upgrade or option change?)");
            }
        }
    }

    /// <summary>SHA-256 (base64) of the text of every inline script element of a page, as a browser hashes it.</summary>
    private static IEnumerable<string> InlineScriptHashes(string html) =>
        Regex.Matches(html, @"<script(?![^>]*\ssrc\s*=)[^>]*>(?<body>.*?)</script\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)
            .Select(m => m.Groups["body"].Value)
            .Where(body => body.Length > 0)
            .Select(body => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(body))));

    [Fact]
    public async Task Blazor_pages_give_their_import_map_the_nonce_of_their_policy()
    {
        using var admin = app.CreateClientAs(Personas.Admin);

        using var response = await admin.GetAsync(new Uri("/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));

        var nonce = Regex.Match(policy, "'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\"", html.Replace("&#x2B;", "+", StringComparison.Ordinal).Replace("&#x2F;", "/", StringComparison.Ordinal).Replace("&#x3D;", "=", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    internal static void AssertHeaders(string path, HttpResponseMessage response)
    {
        Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var values), $"{path} ({response.StatusCode}) has no Content-Security-Policy");
        var directives = string.Join(";", values).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var required in new[] { "default-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'" })
        {
            Assert.True(directives.Contains(required), $"{path}: the policy lacks {required}");
        }

        var scripts = Assert.Single(directives, d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.DoesNotContain("'unsafe-inline'", scripts, StringComparison.Ordinal);
        Assert.DoesNotContain(directives, d => d.Contains("'unsafe-eval'", StringComparison.Ordinal));
        Assert.DoesNotContain(directives, d => d.Contains('*', StringComparison.Ordinal));
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Single(response, "Referrer-Policy"));
        Assert.Equal("DENY", Single(response, "X-Frame-Options"));
    }

    private static string Single(HttpResponseMessage response, string header) =>
        Assert.Single(response.Headers.TryGetValues(header, out var values) ? values : []);

    /// <summary>Every routable Razor page, parameters filled with plausible values, so a new page is covered.</summary>
    private IEnumerable<string> PagePaths() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            .Select(e => "/" + string.Join("/", e.RoutePattern.PathSegments.Select(Fill)))
            .Distinct(StringComparer.OrdinalIgnoreCase);

    private static string Fill(Microsoft.AspNetCore.Routing.Patterns.RoutePatternPathSegment segment) =>
        string.Concat(segment.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter =>
                parameter.ParameterPolicies.Any(p => p.Content is "int" or "long") ? "1"
                : parameter.ParameterPolicies.Any(p => p.Content == "guid") ? Guid.Empty.ToString()
                : "sample",
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        }));
}
