using System.Text;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Jobs;

namespace MlOpsPortal.Infrastructure.Security;

/// <summary>
/// Puts the security headers on every response, error and status pages included (set as the response starts, so a
/// handler that clears the response cannot drop them). HSTS is the framework's <c>UseHsts</c>, a year long.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    /// <summary>Pages rendered by libraries with inline scripts: their responses are read to hash those scripts.</summary>
    private static readonly PathString[] HashedPaths = [PortalJobs.DashboardPath, PortalApi.ReferencePath];

    public async Task InvokeAsync(HttpContext context)
    {
        var nonce = ContentSecurityPolicy.NonceOf(context);
        IReadOnlyList<string> hashes = [];
        context.Response.OnStarting(() =>
        {
            Apply(context.Response, ContentSecurityPolicy.For(nonce, hashes));
            return Task.CompletedTask;
        });
        if (!HashedPaths.Any(p => context.Request.Path.StartsWithSegments(p)))
        {
            await next(context);
            return;
        }

        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
        {
            hashes = ContentSecurityPolicy.InlineScriptHashes(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private static void Apply(HttpResponse response, string policy)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = policy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
    }
}
