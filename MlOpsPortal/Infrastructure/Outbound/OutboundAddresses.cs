using System.Net;
using System.Net.Sockets;

namespace MlOpsPortal.Infrastructure.Outbound;

/// <summary>
/// Which addresses an outbound call must never reach on its own: loopback, link-local (cloud metadata lives at
/// 169.254.169.254), private and unique-local ranges, and the special ranges around them. IPv4 inside IPv6
/// (::ffff:10.0.0.1, IPv4-translated ::ffff:0:a.b.c.d, well-known NAT64, 6to4) is judged by the
/// IPv4 address it carries in its last (6to4: second and third) 32 bits.
/// </summary>
public static class OutboundAddresses
{
    private static readonly (IPNetwork Network, string Kind)[] Forbidden =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "unspecified (\"this network\")"),
        (IPNetwork.Parse("10.0.0.0/8"), "private"),
        (IPNetwork.Parse("100.64.0.0/10"), "carrier-grade NAT (shared)"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback"),
        (IPNetwork.Parse("168.63.129.16/32"), "cloud host service (Azure WireServer)"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local (cloud metadata)"),
        (IPNetwork.Parse("172.16.0.0/12"), "private"),
        (IPNetwork.Parse("192.0.0.0/24"), "reserved (IETF protocol assignments)"),
        (IPNetwork.Parse("192.168.0.0/16"), "private"),
        (IPNetwork.Parse("198.18.0.0/15"), "reserved (benchmarking)"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved"),
        (IPNetwork.Parse("::/128"), "unspecified"),
        (IPNetwork.Parse("::1/128"), "loopback"),
        (IPNetwork.Parse("fe80::/10"), "link-local"),
        // Local-use NAT64 places the IPv4 address by the operator's prefix length, so the whole range is refused.
        (IPNetwork.Parse("64:ff9b:1::/48"), "local-use NAT64 (translates to private addresses)"),
        (IPNetwork.Parse("fec0::/10"), "site-local"),
        (IPNetwork.Parse("fc00::/7"), "unique-local (private)"),
        (IPNetwork.Parse("ff00::/8"), "multicast"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork Ipv4Translated = IPNetwork.Parse("::ffff:0:0:0/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");
    private static readonly IPNetwork Ipv4Compatible = IPNetwork.Parse("::/96");

    /// <summary>Null for a public address; otherwise what kind of address it is, for the message.</summary>
    public static string? ForbiddenKind(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var judged = Embedded(address) ?? address;
        foreach (var (network, kind) in Forbidden)
        {
            if (network.BaseAddress.AddressFamily == judged.AddressFamily && network.Contains(judged))
            {
                return kind;
            }
        }

        return null;
    }

    /// <summary>The IPv4 address an IPv6 address carries (mapped, NAT64, 6to4, IPv4-compatible), if any.</summary>
    private static IPAddress? Embedded(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        if (Nat64.Contains(address) || Ipv4Translated.Contains(address) || (Ipv4Compatible.Contains(address) && !address.Equals(IPAddress.IPv6Loopback) && !address.Equals(IPAddress.IPv6Any)))
        {
            return new IPAddress(bytes.AsSpan(12, 4));
        }

        return SixToFour.Contains(address) ? new IPAddress(bytes.AsSpan(2, 4)) : null;
    }
}
