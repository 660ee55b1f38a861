using System.Text.Json;
using MassTransit;
using MassTransit.Context;
using MassTransit.Middleware.Outbox;
using MassTransit.Serialization;

namespace CustomerPlatform.Messaging.Outbox;

/// <summary>Turns a send into an outbox row and a row back into a message MassTransit can send as it was.</summary>
internal static class OutboxRows
{
    public static OutboxMessage Create<T>(SendContext<T> context, Guid? inboxMessageId, Guid? inboxConsumerId)
        where T : class
    {
        var now = DateTime.UtcNow;
        var serializer = context.Serializer ?? context.Serialization.GetMessageSerializer(context.ContentType ?? context.Serialization.DefaultContentType);
        var body = serializer.GetMessageBody(context);

        var headers = context.Headers.GetAll().ToDictionary(header => header.Key, header => header.Value);

        string? properties = null;
        if (context is TransportSendContext transport)
        {
            var values = new Dictionary<string, object>();
            transport.WritePropertiesTo(values);
            if (values.Count > 0)
                properties = JsonSerializer.Serialize(values, SystemTextJsonMessageSerializer.Options);
        }

        return new OutboxMessage
        {
            InboxMessageId = inboxMessageId,
            InboxConsumerId = inboxConsumerId,
            MessageId = context.MessageId ?? throw new InvalidOperationException("A message to store in the outbox has no MessageId."),
            ConversationId = context.ConversationId,
            CorrelationId = context.CorrelationId,
            InitiatorId = context.InitiatorId,
            RequestId = context.RequestId,
            SourceAddress = context.SourceAddress?.ToString(),
            DestinationAddress = context.DestinationAddress?.ToString() ?? throw new InvalidOperationException("A message to store in the outbox has no destination."),
            ResponseAddress = context.ResponseAddress?.ToString(),
            FaultAddress = context.FaultAddress?.ToString(),
            SentTime = context.SentTime ?? now,
            EnqueueTime = context.Delay is { } delay ? now + delay : null,
            ExpirationTime = context.TimeToLive is { } ttl ? now + ttl : null,
            Headers = headers.Count > 0 ? JsonSerializer.Serialize(headers, SystemTextJsonMessageSerializer.Options) : null,
            Properties = properties,
            ContentType = (context.ContentType ?? serializer.ContentType).ToString(),
            MessageType = string.Join(";", context.SupportedMessageTypes),
            Body = body.GetString(),
        };
    }

    /// <summary>The stored message in MassTransit's own outbox message shape, which its send pipe replays.</summary>
    public static InMemoryOutboxMessage ToMessage(OutboxMessage row)
    {
        var message = new InMemoryOutboxMessage
        {
            SequenceNumber = row.SequenceNumber,
            MessageId = row.MessageId,
            ConversationId = row.ConversationId,
            CorrelationId = row.CorrelationId,
            InitiatorId = row.InitiatorId,
            RequestId = row.RequestId,
            SourceAddress = ToUri(row.SourceAddress),
            DestinationAddress = new Uri(row.DestinationAddress),
            ResponseAddress = ToUri(row.ResponseAddress),
            FaultAddress = ToUri(row.FaultAddress),
            SentTime = DateTime.SpecifyKind(row.SentTime, DateTimeKind.Utc),
            EnqueueTime = row.EnqueueTime,
            ExpirationTime = row.ExpirationTime,
            Headers = row.Headers,
            Properties = row.Properties,
            ContentType = row.ContentType,
            MessageType = row.MessageType,
            Body = row.Body,
        };
        message.Deserialize(SystemTextJsonMessageSerializer.Instance);
        return message;
    }

    private static Uri? ToUri(string? value) => value is null ? null : new Uri(value);
}
