using CustomerPlatform.Contracts.Identity;
using CustomerPlatform.Contracts.Onboarding;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing.Tests;

/// <summary>
/// Issue 14: when Onboarding hands a customer to another CSM, the customer's open tickets owned by the
/// previous CSM go to the new one (resolved ones, other customers' and other owners' stay); a ticket
/// still on its way to someone who has left waits in the support queue.
/// </summary>
[Collection(TicketingCollection.Name)]
public sealed class When_a_success_manager_hands_over(TicketingFixture fixture)
{
    [Fact]
    public async Task Should_move_the_customers_open_tickets_to_the_new_csm()
    {
        var previous = await fixture.AddStaffAsync("Pat Previous", Roles.SuccessManager);
        var next = await fixture.AddStaffAsync("Nia Next", Roles.SuccessManager);
        var agent = await fixture.AddStaffAsync("Al Agent", Roles.Agent);
        Guid customer = Guid.NewGuid(), otherCustomer = Guid.NewGuid();
        var open = await fixture.OpenAsync(TicketingFixture.NewTicket(customer, previous));
        var resolved = await fixture.OpenAsync(TicketingFixture.NewTicket(customer, previous));
        var agents = await fixture.OpenAsync(TicketingFixture.NewTicket(customer, agent));
        var someoneElses = await fixture.OpenAsync(TicketingFixture.NewTicket(otherCustomer, previous));
        await fixture.ReadAsync(db => db.Tickets.Where(t => t.Id == resolved.TicketId)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.Status, TicketStatuses.Solved)));

        var handover = new SuccessManagerAssigned
        {
            CustomerId = customer,
            SuccessManagerId = next,
            SuccessManagerName = "Nia Next",
            SuccessManagerEmail = $"{next:N}@customerplatform.test",
            AssignedAt = DateTimeOffset.UtcNow,
            PreviousSuccessManagerId = previous,
        };
        await fixture.Bus.Publish(handover);
        await fixture.Bus.Publish(handover); // a redelivery moves nothing more
        await fixture.WaitUntilAsync(db => db.Tickets.AnyAsync(t => t.Id == open.TicketId && t.AssigneeId == next), "the handover");
        await Task.Delay(TimeSpan.FromSeconds(1));

        var owners = await fixture.ReadAsync(db => db.Tickets.AsNoTracking()
            .Where(t => t.Id == open.TicketId || t.Id == resolved.TicketId || t.Id == agents.TicketId || t.Id == someoneElses.TicketId)
            .ToDictionaryAsync(t => t.Id, t => t.AssigneeId));
        Assert.Equal(next, owners[open.TicketId]);
        Assert.Equal(previous, owners[resolved.TicketId]);
        Assert.Equal(agent, owners[agents.TicketId]);
        Assert.Equal(previous, owners[someoneElses.TicketId]);
    }

    [Fact]
    public async Task Should_queue_a_ticket_for_someone_who_left()
    {
        var gone = await fixture.AddStaffAsync("Gil Gone", Roles.SuccessManager);
        await fixture.Bus.Publish(new StaffAccountChanged
        {
            StaffId = gone,
            Email = $"{gone:N}@customerplatform.test",
            DisplayName = "Gil Gone",
            Roles = [Roles.SuccessManager],
            Active = false,
            ChangedAt = DateTimeOffset.UtcNow.AddSeconds(1),
        });
        await fixture.WaitUntilAsync(db => db.Staff.AnyAsync(s => s.Id == gone && !s.Active), "the deactivation");

        var command = await fixture.OpenAsync(TicketingFixture.NewTicket(Guid.NewGuid(), gone));

        var ticket = await fixture.ReadAsync(db => db.Tickets.AsNoTracking().SingleAsync(t => t.Id == command.TicketId));
        Assert.Null(ticket.AssigneeId);
        Assert.Equal(TicketQueues.Support, ticket.Queue);
    }
}
