using System.Collections.Concurrent;
using System.Reflection;
using MassTransit;

namespace CustomerPlatform.TestSupport;

/// <summary>
/// What another service sees of the one under test: every message of the recorded types that reaches
/// its queue, in the order they arrived. Published messages come after the commit (the outbox), so a
/// test waits for the one it expects with <see cref="WaitForAsync{T}"/>.
/// </summary>
public sealed class EventRecorder(params Type[] messageTypes)
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private static readonly MethodInfo AddHandlerMethod =
        typeof(EventRecorder).GetMethod(nameof(AddHandler), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private readonly ConcurrentQueue<object> _messages = new();

    public IReadOnlyList<Type> MessageTypes { get; } = messageTypes;

    /// <summary>The messages of type <typeparamref name="T"/> recorded so far (that match, if <paramref name="match"/> is given).</summary>
    public IReadOnlyList<T> All<T>(Func<T, bool>? match = null) =>
        _messages.OfType<T>().Where(m => match?.Invoke(m) ?? true).ToList();

    /// <summary>The first recorded <typeparamref name="T"/> that matches, waiting for it to arrive.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool> match, string? what = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (DateTime.UtcNow < deadline)
        {
            if (_messages.OfType<T>().FirstOrDefault(match) is { } found)
                return found;
            await Task.Delay(50);
        }

        throw new TimeoutException($"No {typeof(T).Name} {what ?? "matching the test"} within {timeout ?? DefaultTimeout}.");
    }

    /// <summary>Binds <paramref name="endpoint"/> to every recorded type and records what it receives.</summary>
    public void ConfigureEndpoint(IReceiveEndpointConfigurator endpoint)
    {
        foreach (var type in MessageTypes)
            AddHandlerMethod.MakeGenericMethod(type).Invoke(this, [endpoint]);
    }

    private void AddHandler<T>(IReceiveEndpointConfigurator endpoint)
        where T : class =>
        endpoint.Handler<T>(context =>
        {
            _messages.Enqueue(context.Message);
            return Task.CompletedTask;
        });
}
