namespace MlOpsPortal.Infrastructure.Outbound;

/// <summary>
/// <c>Outbound:AllowedHosts</c>: the destinations an administrator lets outbound calls reach although they are
/// loopback, link-local or private. Each entry is a host name (matched exactly, case-insensitively), an IP address or
/// a CIDR range such as 10.20.0.0/16. Empty by default: nothing internal is reachable.
/// </summary>
public sealed class OutboundOptions
{
    public const string SectionName = "Outbound";

    public IList<string> AllowedHosts { get; } = [];
}
