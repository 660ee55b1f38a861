using System.Data;
using CustomerPlatform.Messaging.Sagas;
using MassTransit;
using MassTransit.Middleware;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Messaging.Outbox;

/// <summary>
/// The consumer outbox and inbox, behind MassTransit's outbox middleware. Each round is one READ
/// COMMITTED transaction on the message's own (scoped) DbContext:
/// <list type="number">
/// <item>the inbox row of (message id, consumer id) is created if missing and locked (<c>FOR UPDATE</c>),
/// so a redelivered copy of the message waits here until the first one commits or rolls back;</item>
/// <item>the first round runs the consumer through MassTransit's outbox pipe (its sends become outbox rows,
/// the saga repository joins this transaction); later rounds deliver the committed rows themselves
/// (<see cref="DeliverAsync{T}"/>);</item>
/// <item>state, inbox, outbox and the service's own changes commit together.</item>
/// </list>
/// Rounds repeat until the inbox row says delivered. Each send of a later round goes through the bus within <see cref="MessagingOptions.DeliveryTimeout"/>
/// (<see cref="OutboxSender"/>), and a row that does not go out is handed to
/// <see cref="OutboxDeliveryService{TDbContext}"/>, so a broker that never answers cannot hold the message,
/// nor its receive endpoint, for ever (ADR-021). A copy of a message whose effect is committed
/// never runs the consumer again; its undelivered rows are still sent. Lost races (deadlock, version
/// conflict, unique violation, a saga created meanwhile) run the round again from a clean tracker.
/// </summary>
internal sealed class PostgresOutboxContextFactory<TDbContext>(
    TDbContext dbContext,
    IServiceProvider provider,
    IBus bus,
    OutboxDeliverySignal<TDbContext> signal,
    IOptions<MessagingOptions> messagingOptions,
    ILogger<PostgresOutboxContextFactory<TDbContext>> logger)
    : IOutboxContextFactory<TDbContext>
    where TDbContext : DbContext
{
    /// <summary>
    /// Creates the inbox row or, if it exists, locks it, in one statement: <c>ON CONFLICT DO UPDATE</c>
    /// waits for a concurrent copy's transaction and takes the row lock, as <c>SELECT … FOR UPDATE</c> would.
    /// </summary>
    private const string UpsertInboxSql =
        $$"""
         INSERT INTO {{MessagingModelBuilderExtensions.InboxTable}} AS i (message_id, consumer_id, received, receive_count)
         VALUES ({0}, {1}, now(), {2})
         ON CONFLICT (message_id, consumer_id) DO UPDATE SET receive_count = i.receive_count + {2}
         RETURNING *
         """;

    public async Task Send<T>(ConsumeContext<T> context, OutboxConsumeOptions options, IPipe<OutboxConsumeContext<T>> next)
        where T : class
    {
        var messageId = context.MessageId
            ?? throw new MessageException(typeof(T), "The message has no MessageId: the inbox cannot recognise a redelivered copy.");

        var firstRound = true;
        var continueProcessing = true;
        var consumedBefore = false;
        while (continueProcessing)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var countReceive = firstRound;
                    var round = await dbContext.Database.CreateExecutionStrategy().ExecuteAsync(
                        () => RoundAsync(context, messageId, options, next, countReceive));
                    continueProcessing = round.Continue;
                    if (firstRound)
                        consumedBefore = round.ConsumedBefore;
                    firstRound = false;
                    break;
                }
                catch (Exception exception) when (attempt < SagaRetry.AttemptLimit && SagaRetry.IsRetryable(exception))
                {
                    logger.LogDebug(exception, "Outbox round {Attempt} of message {MessageId} for {Consumer} lost a race; running it again",
                        attempt, messageId, options.ConsumerType);
                    dbContext.ChangeTracker.Clear();
                    await Task.Delay(SagaRetry.Delay(attempt), context.CancellationToken);
                }
            }
        }

        // A copy of a message already consumed never reached the consumer: tell the receive pipeline it
        // was handled, or MassTransit would move it to the _skipped queue as a message nobody consumes.
        if (consumedBefore)
            await context.NotifyConsumed(context, TimeSpan.Zero, options.ConsumerType);
    }

    public void Probe(ProbeContext context)
    {
        var scope = context.CreateScope("outbox");
        scope.Add("persistence", "postgres");
        scope.Add("dbContext", typeof(TDbContext).Name);
    }

    private async Task<(bool Continue, bool ConsumedBefore)> RoundAsync<T>(ConsumeContext<T> context, Guid messageId, OutboxConsumeOptions options,
        IPipe<OutboxConsumeContext<T>> next, bool countReceive)
        where T : class
    {
        var cancellationToken = context.CancellationToken;
        dbContext.ChangeTracker.Clear();

        // A round that fails is rolled back and run again whole: savepoints around each SaveChanges
        // would only cost two round trips each.
        dbContext.Database.AutoSavepointsEnabled = false;
        await using var transaction = await dbContext.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        var inbox = (await dbContext.Set<InboxState>()
            .FromSqlRaw(UpsertInboxSql, messageId, options.ConsumerId, countReceive ? 1 : 0)
            .ToListAsync(cancellationToken)).Single();

        var consumedBefore = inbox.Consumed.HasValue;

        var outboxContext = new PostgresOutboxConsumeContext<TDbContext, T>(context, options, provider, dbContext, inbox);
        var handOver = false;
        if (consumedBefore)
            handOver = !await DeliverAsync(outboxContext, messageId, options);
        else
            await next.Send(outboxContext);

        await dbContext.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        if (handOver)
        {
            signal.HandOver(messageId);
            return (false, consumedBefore);
        }

        return (outboxContext.ContinueProcessing && inbox.Delivered is null, consumedBefore);
    }

    /// <summary>
    /// A round after the consumer's effect is committed, in place of the delivery of MassTransit's
    /// outbox pipe (which sends through the consume context): sends the rows left, in order, each within
    /// <see cref="MessagingOptions.DeliveryTimeout"/>; or, delivered already, clears what is left and ends.
    /// False: a send failed or outlived its bound; what went out before it is committed with this round,
    /// and the rest is the delivery service's.
    /// </summary>
    private async Task<bool> DeliverAsync<T>(PostgresOutboxConsumeContext<TDbContext, T> outboxContext, Guid messageId, OutboxConsumeOptions options)
        where T : class
    {
        if (outboxContext.IsOutboxDelivered)
        {
            await outboxContext.RemoveOutboxMessages();
            outboxContext.ContinueProcessing = false;
            return true;
        }

        var messages = await outboxContext.LoadOutboxMessages();
        foreach (var message in messages.Take(options.MessageDeliveryLimit))
        {
            try
            {
                await OutboxSender.SendAsync(bus, message, messagingOptions.Value.DeliveryTimeout, outboxContext.CancellationToken);
            }
            catch (Exception exception) when (!outboxContext.CancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Outbox row {SequenceNumber} of message {MessageId} for {Consumer} could not be sent in time; the delivery service takes it over",
                    message.SequenceNumber, messageId, options.ConsumerType);
                return false;
            }

            await outboxContext.NotifyOutboxMessageDelivered(message);
        }

        return true;
    }
}
