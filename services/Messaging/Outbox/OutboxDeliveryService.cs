using System.Data;
using MassTransit;
using MassTransit.Logging;
using MassTransit.Middleware;
using MassTransit.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Messaging.Outbox;

/// <summary>
/// Sends the bus outbox's rows (those written outside a message, by HTTP handlers) in batches, in sequence order per correlation id,
/// takes over consumer outbox rows left undelivered (<see cref="MessagingOptions.OrphanedOutboxAge"/>),
/// and deletes inbox rows delivered longer ago than the duplicate-detection window.
/// <para>
/// Each batch is one transaction that locks its rows <c>FOR UPDATE SKIP LOCKED</c>, so several
/// replicas share the work without sending a row twice at the same time. The bus outbox's batches also
/// take one transaction-scoped advisory lock per database first: one replica sends at a time, so a later
/// batch can never overtake an earlier one. Within a batch the sends do not wait for each other's confirms, except a
/// row for the previous one with its correlation id, so the rows about one thing leave in the order they were committed
/// (ADR-023). A row is deleted after the broker confirmed it; when the broker is down the batch keeps the rows from the
/// first failure on, commits what was sent before it and tries again after a back-off: nothing is lost. A crash between a
/// send and the commit sends that row again on the next run (at least once; receivers' inboxes
/// recognise the message id).
/// </para>
/// </summary>
internal sealed class OutboxDeliveryService<TDbContext>(
    IServiceScopeFactory scopeFactory,
    IBus bus,
    OutboxDeliverySignal<TDbContext> signal,
    IOptions<MessagingOptions> options,
    ILogger<OutboxDeliveryService<TDbContext>> logger)
    : BackgroundService
    where TDbContext : DbContext
{
    private const string LockBatchSql =
        $$"""
         SELECT * FROM {{MessagingModelBuilderExtensions.OutboxTable}}
         WHERE inbox_message_id IS NULL
         ORDER BY sequence_number
         LIMIT {0}
         FOR UPDATE SKIP LOCKED
         """;

    /// <summary>The bus outbox's delivery lock, one per database (the value only has to differ from other advisory locks there).</summary>
    private const string TryLockDeliverySql = "SELECT pg_try_advisory_xact_lock(7236013940117452801) AS \"Value\"";

    private static readonly TimeSpan BusyRetry = TimeSpan.FromMilliseconds(50);

    private const string LockOrphanedInboxSql =
        $$"""
         SELECT * FROM {{MessagingModelBuilderExtensions.InboxTable}}
         WHERE consumed IS NOT NULL AND delivered IS NULL AND (consumed < {0} OR message_id = ANY({1}))
         ORDER BY consumed
         LIMIT 10
         FOR UPDATE SKIP LOCKED
         """;

    private DateTime _nextCleanup = DateTime.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var (sent, complete, busy) = await DeliverBatchAsync(settings, stoppingToken);
                if (busy)
                {
                    // Another replica is sending: its batch may not include what was signalled here.
                    await Task.Delay(BusyRetry, stoppingToken);
                    continue;
                }

                if (complete)
                    complete = await DeliverOrphanedAsync(settings, stoppingToken);
                if (!complete)
                    throw new MessagingDeliveryPausedException();

                failures = 0;
                await CleanInboxAsync(settings, stoppingToken);
                if (sent == settings.DeliveryBatchSize)
                    continue;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                failures++;
                var delay = TimeSpan.FromMilliseconds(Math.Min(5000, 100 * Math.Pow(2, Math.Min(failures, 6))));
                if (exception is not MessagingDeliveryPausedException)
                    logger.LogWarning(exception, "Outbox delivery of {DbContext} failed; trying again in {Delay}", typeof(TDbContext).Name, delay);
                await Task.Delay(delay, stoppingToken);
                continue;
            }

            try
            {
                await signal.WaitAsync(settings.DeliveryPollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<(int Sent, bool Complete, bool Busy)> DeliverBatchAsync(MessagingOptions settings, CancellationToken stoppingToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<TDbContext>();
        return await dbContext.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            dbContext.ChangeTracker.Clear();
            await using var transaction = await dbContext.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, stoppingToken);
            if (!await dbContext.Database.SqlQueryRaw<bool>(TryLockDeliverySql).SingleAsync(stoppingToken))
                return (0, true, true);

            var rows = await dbContext.Set<OutboxMessage>()
                .FromSqlRaw(LockBatchSql, settings.DeliveryBatchSize)
                .ToListAsync(stoppingToken);

            // The batch goes out without each send waiting for the confirm of the one before (ADR-023).
            var sent = await OutboxSender.SendAllAsync(
                bus, rows.Select(OutboxRows.ToMessage).ToList(), settings.DeliveryTimeout, ReportFailedSend, stoppingToken);
            dbContext.RemoveRange(rows.Take(sent));
            var complete = sent == rows.Count;

            await dbContext.SaveChangesAsync(stoppingToken);
            await transaction.CommitAsync(stoppingToken);
            return (sent, complete, false);
        });
    }

    /// <summary>
    /// Consumer outbox rows nobody is delivering: the inbox row is locked <c>SKIP LOCKED</c>, so a
    /// consumer that holds it (delivering them itself) is left alone, and a consumer that comes later
    /// finds the row delivered. Each message's rows go out in order; a failure keeps the rest.
    /// </summary>
    private async Task<bool> DeliverOrphanedAsync(MessagingOptions settings, CancellationToken stoppingToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<TDbContext>();
        return await dbContext.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            dbContext.ChangeTracker.Clear();
            await using var transaction = await dbContext.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, stoppingToken);
            var handedOver = signal.HandedOver();
            var inboxes = await dbContext.Set<InboxState>()
                .FromSqlRaw(LockOrphanedInboxSql, DateTime.UtcNow - settings.OrphanedOutboxAge, handedOver)
                .ToListAsync(stoppingToken);

            var complete = true;
            foreach (var inbox in inboxes)
            {
                var after = inbox.LastSequenceNumber ?? 0;
                var rows = await dbContext.Set<OutboxMessage>()
                    .Where(o => o.InboxMessageId == inbox.MessageId && o.InboxConsumerId == inbox.ConsumerId && o.SequenceNumber > after)
                    .OrderBy(o => o.SequenceNumber)
                    .ToListAsync(stoppingToken);

                foreach (var row in rows)
                {
                    if (!await TrySendAsync(row, settings, stoppingToken))
                    {
                        complete = false;
                        break;
                    }

                    dbContext.Remove(row);
                    inbox.LastSequenceNumber = row.SequenceNumber;
                }

                if (!complete)
                    break;

                inbox.Delivered = DateTime.UtcNow;
                logger.LogInformation("Delivered {Count} orphaned outbox rows of message {MessageId}", rows.Count, inbox.MessageId);
            }

            await dbContext.SaveChangesAsync(stoppingToken);
            await transaction.CommitAsync(stoppingToken);

            // Handed over and now delivered, or delivered by a later copy of the message, or locked by one
            // (which delivers it or hands it over again); past the batch's ten, the age brings it back.
            if (complete)
                signal.Delivered(handedOver);
            return complete;
        });
    }

    private async Task<bool> TrySendAsync(OutboxMessage row, MessagingOptions settings, CancellationToken stoppingToken)
    {
        var message = OutboxRows.ToMessage(row);
        try
        {
            await OutboxSender.SendAsync(bus, message, settings.DeliveryTimeout, stoppingToken);
            return true;
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            ReportFailedSend(message, exception);
            return false;
        }
    }

    // The broker is away: what went out is deleted, the rest is kept for the next try.
    private void ReportFailedSend(OutboxMessageContext message, Exception exception) =>
        logger.LogWarning(exception, "Outbox row {SequenceNumber} (message {MessageId}) could not be sent; will retry",
            message.SequenceNumber, message.MessageId);

    private async Task CleanInboxAsync(MessagingOptions settings, CancellationToken stoppingToken)
    {
        if (DateTime.UtcNow < _nextCleanup)
            return;
        _nextCleanup = DateTime.UtcNow + settings.InboxCleanupInterval;

        await using var scope = scopeFactory.CreateAsyncScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var before = DateTime.UtcNow - settings.DuplicateDetectionWindow;
        var removed = await dbContext.Set<InboxState>()
            .Where(i => i.Delivered != null && i.Delivered < before)
            .ExecuteDeleteAsync(stoppingToken);
        if (removed > 0)
            logger.LogDebug("Removed {Count} inbox rows delivered before {Before}", removed, before);
    }

    private sealed class MessagingDeliveryPausedException : Exception;
}
