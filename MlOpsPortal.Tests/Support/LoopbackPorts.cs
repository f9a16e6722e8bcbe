using System.Net;
using System.Net.Sockets;

namespace MlOpsPortal.Tests.Support;

public static class LoopbackPorts
{
    /// <summary>A loopback port the system has just handed out as free, for a server a test starts itself.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
