using CustomerPlatform.Contracts.Identity;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing.Consumers;

/// <summary>
/// The customer confirmed a new address: every ticket they requested, open or resolved, replies to it
/// from now on, and email from it joins their tickets (<see cref="CustomerContactsConsumer"/>). Idempotent (a repeated event sets the same address and finds nothing
/// left to change); tickets store no time of change, so the last event consumed wins.
/// </summary>
public sealed class CustomerEmailChangedConsumer(TicketingDbContext db, ILogger<CustomerEmailChangedConsumer> logger) : IConsumer<CustomerEmailChanged>
{
    private const string UpdateSql =
        "UPDATE tickets SET customer_email = {1} WHERE customer_id = {0} AND customer_email IS DISTINCT FROM {1}";

    public async Task Consume(ConsumeContext<CustomerEmailChanged> context)
    {
        var change = context.Message;
        var email = change.NewEmail?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            // Retrying cannot fix it; the sender's bug shows in the log instead of a poisoned queue.
            logger.LogError("CustomerEmailChanged for customer {CustomerId} has no new address; it is ignored", change.CustomerId);
            return;
        }

        var updated = await db.Database.ExecuteSqlRawAsync(UpdateSql, [change.CustomerId, email], context.CancellationToken);
        // The new address was confirmed by a link sent to it: its email comes to this customer from now on.
        await CustomerContactsConsumer.VerifyAsync(db, change.CustomerId, CustomerContactsConsumer.Address(email)!, change.ChangedAt, context.CancellationToken);
        logger.LogInformation("Customer {CustomerId} changed their address: {Count} tickets updated", change.CustomerId, updated);
    }
}
