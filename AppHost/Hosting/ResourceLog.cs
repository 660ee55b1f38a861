using System.Threading.Channels;

namespace CustomerPlatform.AppHost.Hosting;

/// <summary>
/// A resource's console: the last lines in memory (for the dashboard, with increasing sequence
/// numbers to resume a stream) and every line appended to <c>&lt;data&gt;/logs/&lt;resource&gt;.log</c>.
/// </summary>
internal sealed class ResourceLog : IDisposable
{
    private const int Capacity = 10_000;

    private readonly string _resource;
    private readonly Queue<LogLine> _lines = new();
    private readonly List<Channel<LogLine>> _watchers = [];
    private readonly StreamWriter _file;
    private long _sequence;

    public ResourceLog(string resource, string filePath)
    {
        _resource = resource;
        Directory.CreateDirectory(Path.GetDirectoryName(filePath)!);
        _file = new StreamWriter(new FileStream(filePath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
    }

    public void Add(string instance, bool isError, string text)
    {
        lock (_lines)
        {
            var line = new LogLine(++_sequence, DateTimeOffset.UtcNow, _resource, instance, isError, text);
            _lines.Enqueue(line);
            if (_lines.Count > Capacity)
            {
                _lines.Dequeue();
            }

            _file.WriteLine($"{line.Timestamp:yyyy-MM-ddTHH:mm:ss.fffZ} {instance} {(isError ? "ERR" : "OUT")} {text}");
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(line);
            }
        }
    }

    public IReadOnlyList<LogLine> GetLines(long afterSequence)
    {
        lock (_lines)
        {
            return [.. _lines.Where(l => l.Sequence > afterSequence)];
        }
    }

    /// <summary>The lines kept so far after <paramref name="afterSequence"/>, then each new one, without gaps or repeats.</summary>
    public async IAsyncEnumerable<LogLine> WatchAsync(long afterSequence, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<LogLine>(new UnboundedChannelOptions { SingleReader = true });
        IReadOnlyList<LogLine> backlog;
        lock (_lines)
        {
            backlog = GetLines(afterSequence);
            _watchers.Add(channel);
        }

        try
        {
            foreach (var line in backlog)
            {
                yield return line;
            }

            await foreach (var line in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return line;
            }
        }
        finally
        {
            lock (_lines)
            {
                _watchers.Remove(channel);
            }
        }
    }

    public void Dispose()
    {
        lock (_lines)
        {
            _file.Dispose();
        }
    }
}
