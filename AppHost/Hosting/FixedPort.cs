namespace CustomerPlatform.AppHost.Hosting;

/// <param name="Owner">Who binds the port (named in the error).</param>
/// <param name="Setting">The key under the AppHost section that changes it, e.g. <c>Ports:Dashboard</c>.</param>
public sealed record FixedPort(int Port, string Owner, string Setting);
