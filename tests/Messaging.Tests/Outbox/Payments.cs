using System.Collections.Concurrent;
using CustomerPlatform.Messaging.Tests.Counter;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Messaging.Tests.Outbox;

/// <summary>A command whose consumer changes state (a counter_log row) and sends two messages.</summary>
public sealed record RecordPayment(Guid PaymentId, bool Poison = false);

/// <summary>The same work, sent only to the child process of the crash test (tests/Messaging.Tests/Outbox/CrashHost).</summary>
public sealed record RecordCrashPayment(Guid PaymentId);

public sealed record PaymentRecorded(Guid PaymentId);

public sealed record ReceiptRequested(Guid PaymentId);

public sealed class RecordPaymentConsumer(CounterDbContext db) : IConsumer<RecordPayment>
{
    public const string Queue = "record-payment";

    public Task Consume(ConsumeContext<RecordPayment> context)
    {
        if (context.Message.Poison)
            throw new InvalidOperationException($"Payment {context.Message.PaymentId} is poison");
        return RecordAsync(context, context.Message.PaymentId);
    }

    internal static async Task RecordAsync(CounterDbContext db, ConsumeContext context, Guid paymentId)
    {
        db.Logs.Add(new CounterLog { Id = Guid.NewGuid(), CounterId = paymentId, MessageId = context.MessageId });
        await context.Publish(new PaymentRecorded(paymentId));
        await context.Publish(new ReceiptRequested(paymentId));
    }

    private Task RecordAsync(ConsumeContext context, Guid paymentId) => RecordAsync(db, context, paymentId);
}

/// <summary>The crash test's consumer, run only by the child process (its own queue and message type).</summary>
public sealed class CrashPaymentConsumer(CounterDbContext db) : IConsumer<RecordCrashPayment>
{
    public const string Queue = "crash-payment";

    public async Task Consume(ConsumeContext<RecordCrashPayment> context)
    {
        await RecordPaymentConsumer.RecordAsync(db, context, context.Message.PaymentId);
        CrashAfterCommit.Arm(db);
    }
}

/// <summary>Receives the consumers' outgoing messages, so that the observer below sees each copy the broker delivers.</summary>
public sealed class PaymentEventsConsumer : IConsumer<PaymentRecorded>, IConsumer<ReceiptRequested>
{
    public const string Queue = "payment-events";

    public Task Consume(ConsumeContext<PaymentRecorded> context) => Task.CompletedTask;

    public Task Consume(ConsumeContext<ReceiptRequested> context) => Task.CompletedTask;
}

/// <summary>
/// Every copy of a payment event the broker hands to the test host, before any inbox: a message sent
/// twice shows up twice here, whatever the receiving side's inbox then does with it.
/// </summary>
public sealed class PaymentEventsObserver : IConsumeMessageObserver<PaymentRecorded>, IConsumeMessageObserver<ReceiptRequested>
{
    private readonly ConcurrentDictionary<Guid, ConcurrentQueue<(string Type, Guid MessageId)>> _seen = new();

    public IReadOnlyCollection<(string Type, Guid MessageId)> Seen(Guid paymentId) =>
        _seen.TryGetValue(paymentId, out var seen) ? seen.ToArray() : [];

    public Task PreConsume(ConsumeContext<PaymentRecorded> context) => Record(context.Message.PaymentId, nameof(PaymentRecorded), context);

    public Task PreConsume(ConsumeContext<ReceiptRequested> context) => Record(context.Message.PaymentId, nameof(ReceiptRequested), context);

    public Task PostConsume(ConsumeContext<PaymentRecorded> context) => Task.CompletedTask;
    public Task PostConsume(ConsumeContext<ReceiptRequested> context) => Task.CompletedTask;
    public Task ConsumeFault(ConsumeContext<PaymentRecorded> context, Exception exception) => Task.CompletedTask;
    public Task ConsumeFault(ConsumeContext<ReceiptRequested> context, Exception exception) => Task.CompletedTask;

    private Task Record(Guid paymentId, string type, ConsumeContext context)
    {
        _seen.GetOrAdd(paymentId, _ => new()).Enqueue((type, context.MessageId ?? Guid.Empty));
        return Task.CompletedTask;
    }
}

/// <summary>
/// The crash test's kill switch: in the child process started with <see cref="EnvironmentVariable"/>,
/// the commit of the consumer's own transaction kills the process (SIGKILL, no disposal,
/// no delivery), which is exactly "committed, not yet delivered".
/// </summary>
public static class CrashAfterCommit
{
    public const string EnvironmentVariable = "MESSAGING_TEST_KILL_AFTER_COMMIT";

    // Only the consumer's own unit of work: the delivery service commits its own transactions on
    // other DbContexts at any moment, and dying after one of those would prove nothing.
    private static DbContext? _armed;

    public static void Arm(DbContext consumerContext)
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) == "1")
            Volatile.Write(ref _armed, consumerContext);
    }

    public static void Committed(DbContext? context)
    {
        if (context is not null && ReferenceEquals(Volatile.Read(ref _armed), context))
            System.Diagnostics.Process.GetCurrentProcess().Kill();
    }
}
