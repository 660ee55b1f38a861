using MassTransit;
using MassTransit.Logging;
using MassTransit.Middleware;
using MassTransit.Serialization;

namespace CustomerPlatform.Messaging.Outbox;

/// <summary>
/// Sends one outbox row through the bus, within a bound, for both the consumer's own delivery and
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
}
