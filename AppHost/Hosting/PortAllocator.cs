using System.Net;
using System.Net.Sockets;

namespace CustomerPlatform.AppHost.Hosting;

/// <summary>Checks fixed ports and hands out free ones (never the same one twice in a run).</summary>
internal sealed class PortAllocator
{
    private readonly HashSet<int> _given = [];

    public static bool IsFree(int port)
    {
        try
        {
            // Like the servers themselves (SO_REUSEADDR), ignore connections lingering in TIME_WAIT: only a listener counts.
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            socket.Listen();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>A port the kernel considers free now; the server binds it a moment later.</summary>
    public int Next()
    {
        lock (_given)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (_given.Add(port))
                {
                    return port;
                }
            }
        }
    }

    /// <summary>The fixed port, or a free one when <paramref name="port"/> is 0.</summary>
    public int Resolve(int port)
    {
        if (port == 0)
        {
            return Next();
        }

        lock (_given)
        {
            _given.Add(port);
        }

        return port;
    }
}
