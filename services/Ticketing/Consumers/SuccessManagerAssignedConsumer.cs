using CustomerPlatform.Contracts.Onboarding;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing.Consumers;

/// <summary>
/// A CSM handover (the event carries the previous CSM): the customer's tickets that are not solved
/// and that the previous CSM owns go to the new one. One statement, idempotent: a repeated event finds
/// nothing left to move. A first assignment (no previous CSM) changes nothing here.
/// </summary>
public sealed class SuccessManagerAssignedConsumer(TicketingDbContext db, TimeProvider time, ILogger<SuccessManagerAssignedConsumer> logger)
    : IConsumer<SuccessManagerAssigned>
{
    public async Task Consume(ConsumeContext<SuccessManagerAssigned> context)
    {
        var handover = context.Message;
        if (handover.PreviousSuccessManagerId is not { } previous || previous == handover.SuccessManagerId)
            return;

        var now = time.GetUtcNow();
        var moved = await db.Tickets
            .Where(t => t.CustomerId == handover.CustomerId && t.AssigneeId == previous && t.Status != TicketStatuses.Solved && t.Status != TicketStatuses.Closed)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.AssigneeId, handover.SuccessManagerId).SetProperty(x => x.UpdatedAt, now), context.CancellationToken);
        logger.LogInformation("Customer {CustomerId}'s CSM changed from {Previous} to {Current}: {Count} tickets handed over",
            handover.CustomerId, previous, handover.SuccessManagerId, moved);
    }
}
