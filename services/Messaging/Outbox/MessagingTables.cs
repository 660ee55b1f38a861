using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Messaging;

/// <summary>
/// One message as seen by one consumer (or saga) of one endpoint: the row the consumer outbox locks
/// before the consumer runs. <see cref="Consumed"/> set means the consumer's effect is committed and
/// must not run again; <see cref="Delivered"/> set means its outgoing messages have left as well.
/// Delivered rows are deleted after the duplicate-detection window.
/// </summary>
public sealed class InboxState
{
    public Guid MessageId { get; set; }
    public Guid ConsumerId { get; set; }
    public DateTime Received { get; set; }
    public int ReceiveCount { get; set; }
    public DateTime? Consumed { get; set; }
    public DateTime? Delivered { get; set; }

    /// <summary>The last of this message's outbox rows that reached the broker.</summary>
    public long? LastSequenceNumber { get; set; }
}

/// <summary>
/// A message sent or published inside a transaction, stored instead of going to the broker: the
/// serialized body with its envelope (ids, addresses, headers, transport properties). Rows of a
/// consumer carry its inbox key; rows of the bus outbox (HTTP handlers) have none and are delivered
/// by the background delivery service in <see cref="SequenceNumber"/> order.
/// </summary>
public sealed class OutboxMessage
{
    public long SequenceNumber { get; set; }
    public Guid? InboxMessageId { get; set; }
    public Guid? InboxConsumerId { get; set; }
    public Guid MessageId { get; set; }
    public Guid? ConversationId { get; set; }
    public Guid? CorrelationId { get; set; }
    public Guid? InitiatorId { get; set; }
    public Guid? RequestId { get; set; }
    public string? SourceAddress { get; set; }
    public string DestinationAddress { get; set; } = "";
    public string? ResponseAddress { get; set; }
    public string? FaultAddress { get; set; }
    public DateTime SentTime { get; set; }
    public DateTime? EnqueueTime { get; set; }
    public DateTime? ExpirationTime { get; set; }
    public string? Headers { get; set; }
    public string? Properties { get; set; }
    public string ContentType { get; set; } = "";
    public string MessageType { get; set; } = "";
    public string Body { get; set; } = "";
}

public static class MessagingModelBuilderExtensions
{
    public const string InboxTable = "messaging_inbox";
    public const string OutboxTable = "messaging_outbox";

    /// <summary>
    /// Maps the inbox and outbox tables into the service's own model, so its migration creates them and
    /// its DbContext writes them in the same transaction as the service's state.
    /// </summary>
    public static ModelBuilder AddMessagingTables(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<InboxState>(inbox =>
        {
            inbox.ToTable(InboxTable);
            inbox.HasKey(i => new { i.MessageId, i.ConsumerId });
            inbox.Property(i => i.MessageId).HasColumnName("message_id");
            inbox.Property(i => i.ConsumerId).HasColumnName("consumer_id");
            inbox.Property(i => i.Received).HasColumnName("received");
            inbox.Property(i => i.ReceiveCount).HasColumnName("receive_count");
            inbox.Property(i => i.Consumed).HasColumnName("consumed");
            inbox.Property(i => i.Delivered).HasColumnName("delivered");
            inbox.Property(i => i.LastSequenceNumber).HasColumnName("last_sequence_number");
            inbox.HasIndex(i => i.Delivered).HasDatabaseName("ix_messaging_inbox_delivered");
        });

        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable(OutboxTable);
            outbox.HasKey(o => o.SequenceNumber);
            outbox.Property(o => o.SequenceNumber).HasColumnName("sequence_number").UseIdentityByDefaultColumn();
            outbox.Property(o => o.InboxMessageId).HasColumnName("inbox_message_id");
            outbox.Property(o => o.InboxConsumerId).HasColumnName("inbox_consumer_id");
            outbox.Property(o => o.MessageId).HasColumnName("message_id");
            outbox.Property(o => o.ConversationId).HasColumnName("conversation_id");
            outbox.Property(o => o.CorrelationId).HasColumnName("correlation_id");
            outbox.Property(o => o.InitiatorId).HasColumnName("initiator_id");
            outbox.Property(o => o.RequestId).HasColumnName("request_id");
            outbox.Property(o => o.SourceAddress).HasColumnName("source_address");
            outbox.Property(o => o.DestinationAddress).HasColumnName("destination_address");
            outbox.Property(o => o.ResponseAddress).HasColumnName("response_address");
            outbox.Property(o => o.FaultAddress).HasColumnName("fault_address");
            outbox.Property(o => o.SentTime).HasColumnName("sent_time");
            outbox.Property(o => o.EnqueueTime).HasColumnName("enqueue_time");
            outbox.Property(o => o.ExpirationTime).HasColumnName("expiration_time");
            outbox.Property(o => o.Headers).HasColumnName("headers");
            outbox.Property(o => o.Properties).HasColumnName("properties");
            outbox.Property(o => o.ContentType).HasColumnName("content_type");
            outbox.Property(o => o.MessageType).HasColumnName("message_type");
            outbox.Property(o => o.Body).HasColumnName("body");
            outbox.HasIndex(o => new { o.InboxMessageId, o.InboxConsumerId, o.SequenceNumber }).HasDatabaseName("ix_messaging_outbox_inbox");
        });

        return modelBuilder;
    }
}
