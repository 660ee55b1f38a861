namespace CustomerPlatform.AppHost.Hosting;

/// <summary>A problem the user can fix (a port in use, a missing build); its message says how.</summary>
public sealed class DistributedApplicationException(string message) : Exception(message);
