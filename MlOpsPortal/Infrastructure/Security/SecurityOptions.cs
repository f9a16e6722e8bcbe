namespace MlOpsPortal.Infrastructure.Security;

/// <summary>The <c>Security</c> settings: who may open circuits and whose forwarded headers count.</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>
    /// Origins (scheme://host[:port]) besides the portal's own that may open Blazor circuits, e.g. the public
    /// address when a proxy rewrites the Host header. Empty: only the origin the request itself names.
    /// </summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>IP addresses of reverse proxies or load balancers whose X-Forwarded-For/-Proto are honoured.</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Networks (CIDR, e.g. 10.0.0.0/24) of such proxies.</summary>
    public IList<string> KnownNetworks { get; } = [];
}
