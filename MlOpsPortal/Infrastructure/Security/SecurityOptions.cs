using System.ComponentModel.DataAnnotations;
using System.Net;

namespace MlOpsPortal.Infrastructure.Security;

/// <summary>The <c>Security</c> settings: who may open circuits and whose forwarded headers count.</summary>
public sealed class SecurityOptions : IValidatableObject
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

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return new ValidationResult($"Security:KnownProxies has '{proxy}', which is not an IP address.", [nameof(KnownProxies)]);
        }

        foreach (var network in KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)))
        {
            yield return new ValidationResult($"Security:KnownNetworks has '{network}', which is not a CIDR network such as 10.0.0.0/24.", [nameof(KnownNetworks)]);
        }
    }
}
