using MassTransit;

namespace CustomerPlatform.Messaging;

/// <summary>Settings of <see cref="MessagingRegistrationExtensions.AddMessaging{TDbContext}"/>; the defaults suit a service.</summary>
public sealed class MessagingOptions
{
    /// <summary>The connection string name of the RabbitMQ broker (<c>ConnectionStrings__messaging</c>).</summary>
    public string ConnectionName { get; set; } = "messaging";

    /// <summary>
    /// Immediate retries of a failing message at endpoint level, around the outbox (each one a new
    /// transaction). After the last one the message goes to <c>&lt;queue&gt;_error</c> with its exception headers,
    /// unless an extension added redelivery.
    /// </summary>
    public TimeSpan[] RetryIntervals { get; set; } =
        [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)];

    /// <summary>How long a delivered inbox row is kept to recognise a redelivered copy of its message.</summary>
    public TimeSpan DuplicateDetectionWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often the delivery service deletes inbox rows older than the window.</summary>
    public TimeSpan InboxCleanupInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the delivery service looks for bus outbox rows when nobody signalled one.</summary>
    public TimeSpan DeliveryPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Rows sent per delivery transaction.</summary>
    public int DeliveryBatchSize { get; set; } = 100;

    /// <summary>How long one send to the broker may take before the delivery service gives up and retries later.</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A consumed message whose outbox rows are still undelivered this long after it was consumed is
    /// taken over by the delivery service (its consumer died, or gave the message up to the error queue
    /// after consuming it). Well above the time a consumer takes between its two rounds.
    /// </summary>
    public TimeSpan OrphanedOutboxAge { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Outbox rows of one consumed message sent per transaction.</summary>
    public int MessageDeliveryLimit { get; set; } = 100;

    internal List<IMessagingExtension> Extensions { get; } = [];

    /// <summary>Adds a piece of messaging that plugs into the bus and every endpoint (the durable scheduler, redelivery).</summary>
    public MessagingOptions AddExtension(IMessagingExtension extension)
    {
        Extensions.Add(extension);
        return this;
    }
}
