using System.Net.Mime;
using System.Text.Json;
using MassTransit;
using MassTransit.Serialization;

namespace CustomerPlatform.Messaging.Scheduling;

/// <summary>
/// The stand-in message the dispatcher sends; <see cref="ScheduledMessageSerializer"/> replaces its
/// body with the stored payload and message types, so the receiver sees the message that was scheduled.
/// </summary>
public sealed class ScheduledMessageDelivery;

/// <summary>
/// Writes MassTransit's JSON envelope around the stored payload: the envelope's ids, addresses and
/// headers come from the send context the dispatcher filled from the row; the message and its types are
/// the stored ones (the dispatcher does not know the payload's CLR type, and needs not to).
/// </summary>
internal sealed class ScheduledMessageSerializer(JsonElement payload, string[] messageType) : IMessageSerializer
{
    public ContentType ContentType => SystemTextJsonMessageSerializer.JsonContentType;

    public MessageBody GetMessageBody<T>(SendContext<T> context)
        where T : class
    {
        var envelope = new JsonMessageEnvelope(context, payload)
        {
            MessageType = messageType,
            Message = payload,
            Headers = context.Headers.GetAll().ToDictionary(h => h.Key, h => (object?)h.Value),
        };
        return new MemoryMessageBody(JsonSerializer.SerializeToUtf8Bytes(envelope, SystemTextJsonMessageSerializer.Options));
    }
}
