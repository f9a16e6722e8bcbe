using Microsoft.Extensions.Options;

namespace MlOpsPortal.Infrastructure.Security;

/// <summary>
/// Blazor circuits and the live socket of dashboards run with the person's cookie, so a page elsewhere that opens
/// <c>/_blazor</c> or <c>/live</c> would act as them (cross-site WebSocket hijacking; the live socket would read their
/// dashboards' points). The negotiate request and the WebSocket upgrades are refused unless their
/// <c>Origin</c> is the portal's own or one of <see cref="SecurityOptions.AllowedOrigins"/>. A request without an
/// Origin is no browser's cross-site request and passes.
/// </summary>
internal sealed class CircuitOriginMiddleware(RequestDelegate next, IOptions<SecurityOptions> settings, ILogger<CircuitOriginMiddleware> logger)
{
    public const string CircuitPath = "/_blazor";

    /// <summary>The live socket's path (MlOpsPortal.Features.Monitoring.LiveSocket), checked here like the circuit's.</summary>
    public const string LiveSocketPath = "/live";

    private readonly HashSet<string> allowed = new(
        settings.Value.AllowedOrigins.Select(o => o.TrimEnd('/')), StringComparer.OrdinalIgnoreCase);

    public Task InvokeAsync(HttpContext context)
    {
        if (!(context.Request.Path.StartsWithSegments(CircuitPath) || context.Request.Path.StartsWithSegments(LiveSocketPath))
            || !context.Request.Headers.TryGetValue("Origin", out var origins)
            || IsAllowed(context.Request, origins.ToString()))
        {
            return next(context);
        }

        if (SeenAsHttpBehindTls(context.Request, origins.ToString()))
        {
            // The browser is on https and the portal sees http: a balancer terminates TLS and its X-Forwarded-Proto is
            // not honoured. Every page would load and none would come alive; say what to set.
            logger.LogWarning(
                "Refused a circuit or live-socket request from origin {Origin}: this portal sees the request as http. Behind a load balancer or proxy that terminates TLS, set Security:KnownProxies (or Security:KnownNetworks) to its address so its X-Forwarded-Proto is honoured",
                origins.ToString());
        }
        else
        {
            logger.LogWarning("Refused a circuit or live-socket request from origin {Origin}", origins.ToString());
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    private static bool SeenAsHttpBehindTls(HttpRequest request, string origin) =>
        !request.IsHttps && string.Equals(origin, $"https://{request.Host.Value}", StringComparison.OrdinalIgnoreCase);

    private bool IsAllowed(HttpRequest request, string origin)
    {
        var own = $"{request.Scheme}://{request.Host.Value}";
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase) || allowed.Contains(origin);
    }
}
