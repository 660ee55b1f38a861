using MassTransit;

namespace CustomerPlatform.Ticketing;

/// <summary>
/// An agent freed up or became available: they take what waits in their queues (<see cref="TicketRouter.FillAsync"/>), in
/// the consumer's outbox transaction; a repeated message finds them full or the queues empty and gives nothing twice.
/// </summary>
public sealed class AgentMayTakeMoreConsumer(TicketingDbContext db, TicketRouter router, ILogger<AgentMayTakeMoreConsumer> logger)
    : IConsumer<AgentMayTakeMore>
{
    public async Task Consume(ConsumeContext<AgentMayTakeMore> context)
    {
        var given = await router.FillAsync(context.Message.AgentId, context, context.CancellationToken);
        await db.SaveChangesAsync(context.CancellationToken);
        if (given.Count > 0)
            logger.LogInformation("Routing gave agent {AgentId} {Count} waiting tickets", context.Message.AgentId, given.Count);
    }
}
