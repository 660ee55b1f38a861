namespace CustomerPlatform.Identity;

/// <summary>Loads (or creates) the server's keys at start, after the migration, before the first request needs them.</summary>
public sealed class ServerKeyLoader(ServerKeyStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.LoadAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
