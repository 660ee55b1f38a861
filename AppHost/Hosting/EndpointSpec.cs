namespace CustomerPlatform.AppHost.Hosting;

/// <summary>
/// A declared network endpoint. <see cref="Port"/> 0 means "any free port", chosen at start;
/// a fixed port is checked before anything starts, and <see cref="Setting"/> names the
/// configuration key that changes it, so the error can tell the user what to do.
/// </summary>
internal sealed class EndpointSpec(string name, string scheme, int port, bool isExternal, string? setting)
{
    public string Name { get; } = name;

    public string Scheme { get; } = scheme;

    public int Port { get; set; } = port;

    public bool IsExternal { get; set; } = isExternal;

    /// <summary>A key under the AppHost section, e.g. <c>Ports:Postgres</c>; null when set in code.</summary>
    public string? Setting { get; set; } = setting;
}
