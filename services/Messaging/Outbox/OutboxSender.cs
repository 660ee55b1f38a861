using MassTransit;
using MassTransit.Logging;
using MassTransit.Middleware;
using MassTransit.Serialization;

namespace CustomerPlatform.Messaging.Outbox;

/// <summary>
/// Sends outbox rows through the bus, each within a bound, for both the consumer's own delivery and
/// <see cref="OutboxDeliveryService{TDbContext}"/> (ADR-021).
/// <list type="bullet">
/// <item>Through the bus's send endpoints, never the consume context's: a send started from a consume
/// context is a task its receive waits for, so a send that hangs would hold the message's slot on the
/// endpoint, and the endpoint's restart, for ever.</item>
/// <item><c>WaitAsync</c>, not only the token: a send on a channel that died with the broker can wait in
/// MassTransit's topology set-up, which takes no cancellation. Past the bound the send is left behind;
/// if it ever completes, its copy is one more at-least-once delivery that the receivers' inboxes recognise.</item>
/// </list>
/// </summary>
internal static class OutboxSender
{
    /// <summary>
    /// Sends the messages without waiting for the broker to confirm one before the next goes (ADR-023),
    /// except that a message with a correlation id waits for the one before it with the same id: the
    /// messages about one thing reach the broker in the order given, the others overtake each other
    /// freely, and a batch costs about one confirm's wait per message of its longest run of one id.
    /// Answers how many, from the first, the broker confirmed: a failure ends that run (reported to
    /// <paramref name="failed"/>), and what follows it is for the caller to send again (at least once).
    /// A message whose earlier one with the same id failed is not sent.
    /// </summary>
    public static async Task<int> SendAllAsync(
        IBus bus, IReadOnlyList<OutboxMessageContext> messages, TimeSpan bound, Action<OutboxMessageContext, Exception> failed,
        CancellationToken cancellationToken)
    {
        var sends = new Task[messages.Count];
        var last = new Dictionary<Guid, Task>();
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            var key = message.CorrelationId is { } id && id != Guid.Empty ? id : (Guid?)null;
            sends[i] = key is { } correlation && last.TryGetValue(correlation, out var before)
                ? SendAfterAsync(before, bus, message, bound, cancellationToken)
                : SendAsync(bus, message, bound, cancellationToken);
            if (key is not null)
                last[key.Value] = sends[i];
        }

        // Every send is bounded: waiting for all of them observes each one's outcome.
        var confirmed = messages.Count;
        for (var i = 0; i < sends.Length; i++)
        {
            try
            {
                await sends[i];
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                if (confirmed == messages.Count)
                {
                    confirmed = i;
                    failed(messages[i], exception);
                }
            }
        }

        return confirmed;
    }

    public static async Task SendAsync(IBus bus, OutboxMessageContext message, TimeSpan bound, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(bound);
        var destination = message.DestinationAddress
            ?? throw new InvalidOperationException($"Outbox row {message.SequenceNumber} has no destination address.");
        var endpoint = await bus.GetSendEndpoint(destination).WaitAsync(timeout.Token);

        // As MassTransit's own outbox delivery does: an "outbox process" span under the trace the row was
        // written in (the MT-Activity-Id header its "outbox send" span stored), so the send, and every
        // consumer after it, continue the request's trace instead of starting one of their own; and the
        // outbox delivery instruments.
        var activity = LogContext.Current?.StartOutboxDeliverActivity(message);
        var instrument = LogContext.Current?.StartOutboxDeliveryInstrument(message);
        try
        {
            await endpoint.Send(new SerializedMessageBody(), new OutboxMessageSendPipe(message, destination), timeout.Token)
                .WaitAsync(timeout.Token);
        }
        catch (Exception exception)
        {
            activity?.AddExceptionEvent(exception);
            instrument?.AddException(exception);
            throw;
        }
        finally
        {
            activity?.Stop();
            instrument?.Stop();
        }
    }

    /// <summary>After the send before it with the same correlation id, and only if that one went out.</summary>
    private static async Task SendAfterAsync(Task before, IBus bus, OutboxMessageContext message, TimeSpan bound, CancellationToken cancellationToken)
    {
        await before;
        await SendAsync(bus, message, bound, cancellationToken);
    }
}
