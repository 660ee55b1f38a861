using MassTransit;

namespace CustomerPlatform.Messaging.Tests;

/// <summary>
/// Counts the messages being handled at the same moment and the faults: proof that the races the
/// tests claim to run really happened, and that nothing failed on the way (even if later retried by nobody).
/// </summary>
public sealed class InFlightObserver : IReceiveObserver
{
    private int _current;
    private int _max;
    private int _faults;

    public int Max => Volatile.Read(ref _max);
    public int Faults => Volatile.Read(ref _faults);

    public void Reset()
    {
        Volatile.Write(ref _max, 0);
        Volatile.Write(ref _faults, 0);
    }

    public Task PreReceive(ReceiveContext context)
    {
        var now = Interlocked.Increment(ref _current);
        int seen;
        while (now > (seen = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, seen) != seen)
        {
        }

        return Task.CompletedTask;
    }

    public Task PostReceive(ReceiveContext context)
    {
        Interlocked.Decrement(ref _current);
        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
        where T : class
    {
        Interlocked.Increment(ref _faults);
        return Task.CompletedTask;
    }

    public Task ReceiveFault(ReceiveContext context, Exception exception)
    {
        Interlocked.Increment(ref _faults);
        Interlocked.Decrement(ref _current);
        return Task.CompletedTask;
    }
}
