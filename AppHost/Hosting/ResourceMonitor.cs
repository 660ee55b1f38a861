using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace CustomerPlatform.AppHost.Hosting;

/// <summary>The dashboard's view of the orchestrator: snapshots, change streams, logs and commands.</summary>
internal sealed class ResourceMonitor(Orchestrator orchestrator) : IResourceMonitor
{
    private readonly List<Channel<ResourceSnapshot>> _watchers = [];

    public IReadOnlyList<ResourceSnapshot> GetResources() => [.. orchestrator.Runners.Select(r => r.Snapshot())];

    public ResourceSnapshot? GetResource(string name) => orchestrator.Find(name)?.Snapshot();

    /// <summary>First the current snapshot of every resource, then one per change, so a new watcher never misses a state.</summary>
    public async IAsyncEnumerable<ResourceSnapshot> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<ResourceSnapshot>(new UnboundedChannelOptions { SingleReader = true });
        lock (_watchers)
        {
            _watchers.Add(channel);
        }

        try
        {
            foreach (var snapshot in GetResources())
            {
                yield return snapshot;
            }

            await foreach (var snapshot in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return snapshot;
            }
        }
        finally
        {
            lock (_watchers)
            {
                _watchers.Remove(channel);
            }
        }
    }

    public IReadOnlyList<LogLine> GetLogs(string resource, long afterSequence = 0) =>
        orchestrator.Find(resource)?.Log.GetLines(afterSequence) ?? [];

    public async IAsyncEnumerable<LogLine> WatchLogsAsync(string resource, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (orchestrator.Find(resource) is not { } runner)
        {
            yield break;
        }

        await foreach (var line in runner.Log.WatchAsync(afterSequence, cancellationToken))
        {
            yield return line;
        }
    }

    /// <summary>
    /// <c>stop</c> returns once stopped; <c>start</c>, <c>restart</c> and <c>kill</c> (SIGKILL, then start) return once the resource is
    /// Waiting or Starting (the start's synchronous part runs here), not when it is healthy.
    /// </summary>
    public async Task<bool> ExecuteCommandAsync(string resource, string command, CancellationToken cancellationToken)
    {
        if (orchestrator.Find(resource) is not { } runner)
        {
            return false;
        }

        switch (command.ToLowerInvariant())
        {
            case "start":
                _ = runner.StartAsync(CancellationToken.None);
                return true;
            case "stop":
                await runner.StopAsync().WaitAsync(cancellationToken);
                return true;
            case "restart":
                await runner.StopAsync().WaitAsync(cancellationToken);
                _ = runner.StartAsync(CancellationToken.None);
                return true;
            case "kill":
                // A crash, then what a supervisor does: SIGKILL (no graceful shutdown, messages in
                // flight are not acknowledged), then a start.
                runner.Kill();
                await runner.StopAsync().WaitAsync(cancellationToken);
                _ = runner.StartAsync(CancellationToken.None);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Called by the runners on every change.</summary>
    public void Publish(ResourceRunner runner)
    {
        var snapshot = runner.Snapshot();
        lock (_watchers)
        {
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(snapshot);
            }
        }
    }
}
