namespace MlOpsPortal.Infrastructure.Security;

/// <summary>
/// Puts the security headers on every response, error and status pages included (set as the response starts, so a
/// handler that clears the response cannot drop them). HSTS is the framework's <c>UseHsts</c>, a year long.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (Api.PortalApi.IsApiRequest(context.Request))
        {
            // JSON for machines: no page, so no nonce to draw from the random number generator on every call.
            context.Response.OnStarting(static state =>
            {
                Apply((HttpResponse)state, ContentSecurityPolicy.ForApi);
                return Task.CompletedTask;
            }, context.Response);
            return next(context);
        }

        var nonce = ContentSecurityPolicy.NonceOf(context);
        var hashes = ContentSecurityPolicy.PinnedScriptHashesFor(context.Request.Path);
        context.Response.OnStarting(() =>
        {
            Apply(context.Response, ContentSecurityPolicy.For(nonce, hashes));
            return Task.CompletedTask;
        });
        return next(context);
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
