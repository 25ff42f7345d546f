using System.Net;
using System.Net.Sockets;

namespace Ballast.Tests.Infrastructure;

/// <summary>Free TCP ports on 127.0.0.1 for the servers the tests start (PostgreSQL, Kestrel, `ballast serve`).</summary>
internal static class LoopbackPorts
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
