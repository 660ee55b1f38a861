using MassTransit;
using MassTransit.Middleware;
using MassTransit.Middleware.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Messaging.Outbox;

/// <summary>
/// The consume context a consumer or saga sees behind the outbox: its sends and publishes become rows
/// of the service's DbContext (committed by <see cref="PostgresOutboxContextFactory{TDbContext}"/>
/// with everything else), and MassTransit's outbox pipe asks it what is already done.
/// </summary>
internal sealed class PostgresOutboxConsumeContext<TDbContext, TMessage>(
    ConsumeContext<TMessage> context,
    OutboxConsumeOptions options,
    IServiceProvider provider,
    TDbContext dbContext,
    InboxState inbox)
    : OutboxConsumeContextProxy<TMessage>(context, options, provider)
    where TDbContext : DbContext
    where TMessage : class
{
    private long? _lastOfAll;
    private int _added;

    public override bool ContinueProcessing { get; set; } = true;
    public override bool IsMessageConsumed => inbox.Consumed.HasValue;
    public override bool IsOutboxDelivered => inbox.Delivered.HasValue;
    public override int ReceiveCount => inbox.ReceiveCount;
    public override long? LastSequenceNumber => inbox.LastSequenceNumber;

    /// <summary>A consumer that sent nothing has nothing to deliver: it is done in this one transaction.</summary>
    public override Task SetConsumed()
    {
        inbox.Consumed = DateTime.UtcNow;
        if (_added == 0)
            inbox.Delivered = inbox.Consumed;
        return Task.CompletedTask;
    }

    public override Task SetDelivered()
    {
        inbox.Delivered = DateTime.UtcNow;
        return Task.CompletedTask;
    }

    public override async Task<List<OutboxMessageContext>> LoadOutboxMessages()
    {
        var after = inbox.LastSequenceNumber ?? 0;
        var rows = await dbContext.Set<OutboxMessage>()
            .AsNoTracking()
            .Where(o => o.InboxMessageId == inbox.MessageId && o.InboxConsumerId == inbox.ConsumerId && o.SequenceNumber > after)
            .OrderBy(o => o.SequenceNumber)
            .Take(Options.MessageDeliveryLimit + 1)
            .ToListAsync(CancellationToken);

        // Nothing left to send: the message is done, whatever the pipe decides next. All of them fit in
        // this round: the message is done once the last one is out, without a further round.
        if (rows.Count == 0)
            await SetDelivered();
        else if (rows.Count <= Options.MessageDeliveryLimit)
            _lastOfAll = rows[^1].SequenceNumber;

        return rows.Select(OutboxMessageContext (row) => OutboxRows.ToMessage(row)).ToList();
    }

    /// <summary>The row is gone with the commit of this round; the inbox remembers how far delivery got.</summary>
    public override async Task NotifyOutboxMessageDelivered(OutboxMessageContext message)
    {
        inbox.LastSequenceNumber = message.SequenceNumber;
        await dbContext.Set<OutboxMessage>()
            .Where(o => o.SequenceNumber == message.SequenceNumber)
            .ExecuteDeleteAsync(CancellationToken);
        if (message.SequenceNumber == _lastOfAll)
            await SetDelivered();
    }

    public override Task RemoveOutboxMessages() =>
        dbContext.Set<OutboxMessage>()
            .Where(o => o.InboxMessageId == inbox.MessageId && o.InboxConsumerId == inbox.ConsumerId)
            .ExecuteDeleteAsync(CancellationToken);

    public override Task AddSend<T>(SendContext<T> context)
    {
        dbContext.Add(OutboxRows.Create(context, inbox.MessageId, inbox.ConsumerId));
        _added++;
        return Task.CompletedTask;
    }
}
