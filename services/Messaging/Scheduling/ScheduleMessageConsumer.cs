using System.Text.Json;
using MassTransit;
using MassTransit.Scheduling;
using MassTransit.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Messaging.Scheduling;

/// <summary>
/// The scheduler endpoint: stores each <see cref="ScheduleMessage"/> as a row of the service's
/// scheduler table (idempotent by token id) and deletes the row a <see cref="CancelScheduledMessage"/>
/// names. Each statement is one autocommitted write, or joins the DbContext's transaction if a
/// consumer outbox opened one around this consumer; either way the message is acknowledged only after it.
/// </summary>
internal sealed class ScheduleMessageConsumer<TDbContext> : IConsumer<ScheduleMessage>, IConsumer<CancelScheduledMessage>
    where TDbContext : DbContext
{
    private readonly TDbContext _db;
    private readonly PostgresSchedulerSignal<TDbContext> _signal;
    private readonly PostgresSchedulerOptions _options;
    private readonly ILogger<ScheduleMessageConsumer<TDbContext>> _logger;

    public ScheduleMessageConsumer(
        TDbContext db,
        PostgresSchedulerSignal<TDbContext> signal,
        IOptions<PostgresSchedulerOptions> options,
        ILogger<ScheduleMessageConsumer<TDbContext>> logger)
    {
        _db = db;
        _signal = signal;
        _options = options.Value;
        _logger = logger;
    }

    public async Task Consume(ConsumeContext<ScheduleMessage> context)
    {
        var message = context.Message;
        var row = new ScheduledMessageRow
        {
            TokenId = message.CorrelationId,
            DueTime = SchedulerTable.Utc(message.ScheduledTime),
            Destination = (message.Destination ?? throw new InvalidOperationException("The ScheduleMessage has no destination")).ToString(),
            MessageType = message.PayloadType ?? [],
            Payload = PayloadJson(message.Payload),
            Headers = EnvelopeHeaders(context),
            MessageId = DeliveredMessageId(context),
            RequestId = context.RequestId,
            ConversationId = context.ConversationId,
            InitiatorId = context.InitiatorId,
            SourceAddress = context.SourceAddress?.ToString(),
            ResponseAddress = context.ResponseAddress?.ToString(),
            FaultAddress = context.FaultAddress?.ToString(),
            ExpirationTime = context.ExpirationTime is { } expiration ? SchedulerTable.Utc(expiration) : null,
            CreatedAt = DateTime.UtcNow,
        };

        var table = SchedulerTable.For(_db);
        var stored = await _db.Database.ExecuteSqlRawAsync(table.InsertSql, SchedulerTable.InsertParameters(row), context.CancellationToken);
        _logger.LogDebug(stored == 1
                ? "Scheduled {TokenId} for {Destination} at {DueTime:O}"
                : "Schedule {TokenId} for {Destination} at {DueTime:O} is already stored or was cancelled",
            row.TokenId, row.Destination, row.DueTime);
        _signal.Notify();
    }

    public async Task Consume(ConsumeContext<CancelScheduledMessage> context)
    {
        var tokenId = context.Message.TokenId != Guid.Empty ? context.Message.TokenId : context.Message.CorrelationId;
        var table = SchedulerTable.For(_db);
        var deleted = await _db.Database.ExecuteSqlRawAsync(
            table.CancelSql, [new Npgsql.NpgsqlParameter("token_id", tokenId)], context.CancellationToken);
        if (deleted == 1)
        {
            _logger.LogDebug("Cancelled {TokenId}", tokenId);
            return;
        }

        // Nothing to cancel: already sent, cancelled before, or its ScheduleMessage is still on the way
        // (the scheduler queue does not keep order). A tombstone keeps the late schedule from being stored.
        var now = DateTime.UtcNow;
        var tombstone = new ScheduledMessageRow
        {
            TokenId = tokenId,
            DueTime = now + _options.TombstoneLifetime,
            MessageType = [],
            Cancelled = true,
            CreatedAt = now,
        };
        await _db.Database.ExecuteSqlRawAsync(table.InsertSql, SchedulerTable.InsertParameters(tombstone), context.CancellationToken);
        _logger.LogDebug("Cancel of {TokenId} found nothing to delete; remembered until {Until:O}", tokenId, tombstone.DueTime);
    }

    /// <summary>
    /// The id the delivered message carries, the same however often the ScheduleMessage reaches us, so
    /// the receiving side's inbox recognizes a resend: a redelivery (<c>UseScheduledRedelivery</c>) keeps
    /// the id of the message it brings back (MassTransit puts it in <c>MT-OriginalMessageId</c>), so the
    /// inbox also sees an effect already committed by an attempt that failed later; any other schedule
    /// gets the ScheduleMessage's own id.
    /// </summary>
    private static Guid? DeliveredMessageId(ConsumeContext context) =>
        context.Headers.Get<string>(MessageHeaders.OriginalMessageId) is { } original && Guid.TryParse(original, out var id)
            ? id
            : context.MessageId;

    private static string PayloadJson(object? payload) => payload switch
    {
        null => throw new InvalidOperationException("The ScheduleMessage has no payload"),
        JsonElement element => element.GetRawText(),
        string text => text,
        _ => JsonSerializer.Serialize(payload, payload.GetType(), SystemTextJsonMessageSerializer.Options),
    };

    /// <summary>
    /// The headers the scheduling side set (its own, the redelivery count, …): from the JSON envelope,
    /// which holds exactly those, rather than the transport's headers, which add the broker's own.
    /// </summary>
    private static string? EnvelopeHeaders(ConsumeContext context)
    {
        try
        {
            using var document = JsonDocument.Parse(context.ReceiveContext.Body.GetBytes());
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (string.Equals(property.Name, "headers", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.Object)
                    return property.Value.EnumerateObject().Any() ? property.Value.GetRawText() : null;
            }
        }
        catch (JsonException)
        {
            // Not a JSON envelope: fall through to the context's headers.
        }

        var headers = context.Headers.GetAll()
            .Where(h => !h.Key.StartsWith("MT-Host-", StringComparison.Ordinal) && h.Key != "Content-Type")
            .ToDictionary(h => h.Key, h => h.Value);
        return headers.Count == 0 ? null : JsonSerializer.Serialize(headers, SystemTextJsonMessageSerializer.Options);
    }
}
