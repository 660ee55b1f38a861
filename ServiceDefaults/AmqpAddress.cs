namespace CustomerPlatform.ServiceDefaults;

/// <summary>The parts of an AMQP URI (<c>amqp[s]://user:password@host[:port][/vhost]</c>).</summary>
internal sealed record AmqpAddress(string Host, ushort Port, string VirtualHost, string Username, string Password, bool UseTls)
{
    public static AmqpAddress Parse(string connectionName, string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException(
                $"The connection string '{connectionName}' is missing: set ConnectionStrings__{connectionName} to an AMQP URI.");

        if (!Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
            throw new InvalidOperationException(
                $"The connection string '{connectionName}' is not an AMQP URI (amqp://user:password@host:port/vhost).");

        var useTls = uri.Scheme == "amqps";
        var port = uri.IsDefaultPort || uri.Port < 0 ? (useTls ? 5671 : 5672) : uri.Port;

        // User and password are percent-encoded in the URI; an empty path is the default vhost "/".
        var credentials = uri.UserInfo.Split(':', 2);
        var username = Uri.UnescapeDataString(credentials[0]);
        var password = credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : "";
        var path = uri.AbsolutePath.TrimStart('/');
        var virtualHost = path.Length == 0 ? "/" : Uri.UnescapeDataString(path);

        return new AmqpAddress(uri.Host, (ushort)port, virtualHost, username, password, useTls);
    }
}
