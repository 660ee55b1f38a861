using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using CustomerPlatform.AppHost.Hosting;

namespace CustomerPlatform.Dashboard.Tests;

/// <summary>
/// Stands in for the orchestrator: the dashboard is what is under test here, so the platform it shows is
/// a few resources held in memory that a test can change, write logs for, and receive commands for.
/// </summary>
internal sealed class FakeResourceMonitor : IResourceMonitor
{
    private readonly Lock _gate = new();
    private readonly List<ResourceSnapshot> _resources = [];
    private readonly List<LogLine> _logs = [];
    private readonly List<Channel<ResourceSnapshot>> _resourceWatchers = [];
    private readonly List<(string Resource, Channel<LogLine> Channel)> _logWatchers = [];

    public ConcurrentQueue<(string Resource, string Command)> Commands { get; } = new();

    public IReadOnlyList<ResourceSnapshot> GetResources()
    {
        lock (_gate)
            return [.. _resources];
    }

    public ResourceSnapshot? GetResource(string name)
    {
        lock (_gate)
            return _resources.Find(resource => resource.Name == name);
    }

    public void Set(ResourceSnapshot resource)
    {
        lock (_gate)
        {
            _resources.RemoveAll(existing => existing.Name == resource.Name);
            _resources.Add(resource);
            foreach (var watcher in _resourceWatchers)
                watcher.Writer.TryWrite(resource);
        }
    }

    public async IAsyncEnumerable<ResourceSnapshot> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<ResourceSnapshot>();
        lock (_gate)
            _resourceWatchers.Add(channel);
        try
        {
            await foreach (var snapshot in channel.Reader.ReadAllAsync(cancellationToken))
                yield return snapshot;
        }
        finally
        {
            lock (_gate)
                _resourceWatchers.Remove(channel);
        }
    }

    public LogLine WriteLog(string resource, string text, bool isError = false, string? instance = null)
    {
        lock (_gate)
        {
            var line = new LogLine(_logs.Count(l => l.Resource == resource) + 1, DateTimeOffset.UtcNow, resource, instance ?? resource, isError, text);
            _logs.Add(line);
            foreach (var (watched, channel) in _logWatchers)
                if (watched == resource)
                    channel.Writer.TryWrite(line);
            return line;
        }
    }

    public IReadOnlyList<LogLine> GetLogs(string resource, long afterSequence = 0)
    {
        lock (_gate)
            return _logs.Where(line => line.Resource == resource && line.Sequence > afterSequence).ToList();
    }

    public async IAsyncEnumerable<LogLine> WatchLogsAsync(string resource, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<LogLine>();
        lock (_gate)
            _logWatchers.Add((resource, channel));
        try
        {
            await foreach (var line in channel.Reader.ReadAllAsync(cancellationToken))
                if (line.Sequence > afterSequence)
                    yield return line;
        }
        finally
        {
            lock (_gate)
                _logWatchers.Remove((resource, channel));
        }
    }

    public Task<bool> ExecuteCommandAsync(string resource, string command, CancellationToken cancellationToken)
    {
        if (GetResource(resource) is null)
            return Task.FromResult(false);
        Commands.Enqueue((resource, command));
        return Task.FromResult(true);
    }
}
