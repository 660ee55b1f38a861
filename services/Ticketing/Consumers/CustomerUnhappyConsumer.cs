using CustomerPlatform.Contracts.Notifications;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing.Consumers;

/// <summary>
/// Tells the customer's CSM, by email, that the customer wrote something negative on a ticket (issue 17: "a negative
/// message … tells the customer's CSM"), with the words and a link; once per message (the email's id is the
/// message's). A customer without a CSM, or a CSM who has left, is the support queue's business alone.
/// </summary>
public sealed class CustomerUnhappyConsumer(TicketingDbContext db, TicketEmails emails) : IConsumer<CustomerUnhappy>
{
    public async Task Consume(ConsumeContext<CustomerUnhappy> context)
    {
        var unhappy = context.Message;
        var found = await (
                from ticket in db.Tickets
                join message in db.Messages on ticket.Id equals message.TicketId
                join manager in db.CustomerManagers on ticket.CustomerId equals manager.CustomerId
                join staff in db.Staff on manager.ManagerId equals staff.Id
                where ticket.Id == unhappy.TicketId && message.Id == unhappy.MessageId && staff.Active
                select new { Ticket = ticket, message.Body, manager.ManagerId, manager.ManagerName, manager.ManagerEmail })
            .AsNoTracking()
            .SingleOrDefaultAsync(context.CancellationToken);
        if (found is null)
            return;
        await context.Publish(emails.Unhappy(found.Ticket, unhappy.MessageId, found.Body, found.ManagerId, found.ManagerName, found.ManagerEmail),
            context.CancellationToken);
    }
}
