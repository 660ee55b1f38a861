using CustomerPlatform.Contracts.Onboarding;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing.Consumers;

/// <summary>
/// A CSM handover (the event carries the previous CSM): the customer's tickets that are not solved
/// and that the previous CSM owns go to the new one. One statement, idempotent: a repeated event finds
/// nothing left to move. Every assignment records the customer's current CSM.
/// </summary>
public sealed class SuccessManagerAssignedConsumer(TicketingDbContext db, TimeProvider time, ILogger<SuccessManagerAssignedConsumer> logger)
    : IConsumer<SuccessManagerAssigned>
{
    /// <summary>Who the customer's CSM is now (for <see cref="CustomerUnhappyConsumer"/>); an older assignment never wins.</summary>
    private const string ManagerSql = """
        INSERT INTO customer_managers (customer_id, manager_id, manager_name, manager_email, assigned_at) VALUES ({0}, {1}, {2}, {3}, {4})
        ON CONFLICT (customer_id) DO UPDATE SET manager_id = EXCLUDED.manager_id, manager_name = EXCLUDED.manager_name,
            manager_email = EXCLUDED.manager_email, assigned_at = EXCLUDED.assigned_at
        WHERE customer_managers.assigned_at <= EXCLUDED.assigned_at
        """;

    public async Task Consume(ConsumeContext<SuccessManagerAssigned> context)
    {
        var handover = context.Message;
        await db.Database.ExecuteSqlRawAsync(ManagerSql,
            [handover.CustomerId, handover.SuccessManagerId, handover.SuccessManagerName, handover.SuccessManagerEmail, handover.AssignedAt], context.CancellationToken);
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
