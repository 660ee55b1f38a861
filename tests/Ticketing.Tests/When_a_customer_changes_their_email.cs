using System.Net;
using System.Net.Http.Json;
using CustomerPlatform.Contracts.Identity;
using CustomerPlatform.Contracts.Notifications;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing.Tests;

[Collection(TicketingCollection.Name)]
public sealed class When_a_customer_changes_their_email(TicketingFixture fixture)
{
    [Fact]
    public async Task Should_reply_to_the_new_address_on_every_ticket_of_that_customer_only()
    {
        var csm = await fixture.AddStaffAsync("Sam Success", Roles.SuccessManager);
        var customerId = Guid.NewGuid();
        var first = await fixture.OpenAsync(TicketingFixture.NewTicket(customerId, csm));
        var second = await fixture.OpenAsync(TicketingFixture.NewTicket(customerId, null));
        var other = await fixture.OpenAsync(TicketingFixture.NewTicket(Guid.NewGuid(), csm, "bob@example.com"));

        const string newEmail = "ann.new@example.com";
        await fixture.Bus.Publish(new CustomerEmailChanged
        {
            CustomerId = customerId,
            OldEmail = first.CustomerEmail!,
            NewEmail = newEmail,
            ChangedAt = DateTimeOffset.UtcNow,
        });
        await fixture.WaitUntilAsync(
            db => db.Tickets.AnyAsync(t => t.Id == first.TicketId && t.CustomerEmail == newEmail),
            "the new address on the customer's ticket");

        var customersTickets = await fixture.ReadAsync(db => db.Tickets.Where(t => t.CustomerId == customerId).Select(t => t.CustomerEmail).ToListAsync());
        Assert.Equal([newEmail, newEmail], customersTickets);
        Assert.Equal(other.CustomerEmail, await ReplyEmailToAsync(csm, other.TicketId));
        Assert.Equal(newEmail, await ReplyEmailToAsync(csm, first.TicketId));
        Assert.Equal(newEmail, await ReplyEmailToAsync(csm, second.TicketId));
    }

    /// <summary>A staff reply on the ticket, and the address of the email it asks Notifications to send.</summary>
    private async Task<string> ReplyEmailToAsync(Guid staffId, Guid ticketId)
    {
        var response = await fixture.CreateClient(staffId, Roles.SuccessManager, Roles.Agent)
            .PostAsJsonAsync($"/api/support/tickets/{ticketId}/messages", new { body = "Here is the answer." });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var message = await response.Content.ReadFromJsonAsync<TicketMessageView>();
        var email = await fixture.Events.WaitForAsync<SendEmail>(e => e.NotificationId == message!.MessageId);
        Assert.Equal(EmailTemplates.TicketReplied, email.Template);
        return email.To;
    }
}
