using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace MlOpsPortal.Infrastructure.Outbound;

/// <summary>An outbound call the guard refused; its message says why and how an administrator could allow it.</summary>
public sealed class OutboundRefusedException(string message) : Exception(message);

/// <summary>
/// Keeps outbound calls (webhooks first) away from the portal's own network (DESIGN §5): a URL is checked when it is
/// saved, and every connection is checked again after DNS resolution and made to the very address that was checked,
/// so a name that resolves elsewhere later (DNS rebinding) gains nothing.
/// </summary>
public sealed class OutboundGuard(IOptions<OutboundOptions> options, IHostEnvironment environment)
{
    private const string HowToAllow = "Outbound calls never go there unless an administrator lists the host under Outbound:AllowedHosts.";

    /// <summary>https is required outside Development, where a local receiver over http is normal.</summary>
    public bool RequireHttps => !environment.IsDevelopment();

    /// <summary>Null when the URL may be called (as far as can be told before resolving it); otherwise what to fix.</summary>
    public string? ProblemWithUrl(string? url, string label)
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return $"{label} must be an absolute https:// URL.";
        }

        if (RequireHttps && uri.Scheme != Uri.UriSchemeHttps)
        {
            return $"{label} must use https://: the payload is signed, but only TLS keeps it private.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return $"{label} cannot carry a user name or password (the part before @): receivers check the signature header instead.";
        }

        var host = uri.IdnHost.Trim('[', ']');
        if (IsAllowedName(host))
        {
            return null;
        }

        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return $"{label} points at this machine (localhost). {HowToAllow}";
        }

        return IPAddress.TryParse(host, out var address) && Refusal(address) is { } kind
            ? $"{label} points at {address}, a {kind} address. {HowToAllow}"
            : null;
    }

    /// <summary>The addresses of a host that may be connected to; throws when any address the name has is refused.</summary>
    public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        host = host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new OutboundRefusedException($"{host} has no address.");
        }

        if (IsAllowedName(host))
        {
            return addresses;
        }

        foreach (var address in addresses)
        {
            if (Refusal(address) is { } kind)
            {
                throw new OutboundRefusedException($"{host} resolves to {address}, a {kind} address. {HowToAllow}");
            }
        }

        return addresses;
    }

    /// <summary>For <see cref="SocketsHttpHandler.ConnectCallback"/>: resolve, check every address, connect to a checked one.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var addresses = await ResolveAsync(context.DnsEndPoint.Host, cancellationToken);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>A handler that never follows redirects, never goes through a proxy, and connects only where the guard allows.</summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        ConnectCallback = ConnectAsync,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
    };

    private string? Refusal(IPAddress address) =>
        OutboundAddresses.ForbiddenKind(address) is { } kind && !IsAllowedAddress(address) ? kind : null;

    private bool IsAllowedName(string host) =>
        options.Value.AllowedHosts.Any(entry => !IsAddressEntry(entry) && string.Equals(entry.Trim(), host.TrimEnd('.'), StringComparison.OrdinalIgnoreCase));

    private bool IsAllowedAddress(IPAddress address)
    {
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        foreach (var entry in options.Value.AllowedHosts)
        {
            var text = entry.Trim();
            if ((IPAddress.TryParse(text, out var allowed) && allowed.Equals(plain))
                || (text.Contains('/', StringComparison.Ordinal) && IPNetwork.TryParse(text, out var network) && network.Contains(plain)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAddressEntry(string entry) =>
        IPAddress.TryParse(entry.Trim(), out _) || (entry.Contains('/', StringComparison.Ordinal) && IPNetwork.TryParse(entry.Trim(), out _));
}
