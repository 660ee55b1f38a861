using System.Net.Http.Json;
using CustomerPlatform.Contracts.Identity;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing.Tests;

[Collection(TicketingCollection.Name)]
public sealed class When_staff_accounts_change(TicketingFixture fixture)
{
    [Fact]
    public async Task Should_keep_the_newest_change_and_show_it_on_the_thread()
    {
        var csm = await fixture.AddStaffAsync("Sam Success", Roles.SuccessManager);
        var command = await fixture.OpenAsync(TicketingFixture.NewTicket(Guid.NewGuid(), csm));
        await fixture.CreateClient(csm, Roles.SuccessManager)
            .PostAsJsonAsync($"/api/support/tickets/{command.TicketId}/messages", new { body = "Happy to help." });

        var now = DateTimeOffset.UtcNow;
        await fixture.Bus.Publish(Change(csm, "Samantha Success", now.AddMinutes(1)));
        await fixture.WaitUntilAsync(db => db.Staff.AnyAsync(s => s.Id == csm && s.DisplayName == "Samantha Success"), "the rename");
        // An older change arriving late (out of order, or Identity's start-up re-publish racing an edit) changes nothing.
        await fixture.Bus.Publish(Change(csm, "Old Name", now.AddMinutes(-1)));
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Equal("Samantha Success", await fixture.ReadAsync(db => db.Staff.Where(s => s.Id == csm).Select(s => s.DisplayName).SingleAsync()));
        var ticket = await fixture.CreateClient(command.CustomerId, Roles.Customer).GetFromJsonAsync<TicketDetails>($"/api/support/tickets/{command.TicketId}");
        Assert.Equal("Samantha Success", ticket!.Messages.Single(m => m.AuthorRole == AuthorRoles.Staff).AuthorName);
    }

    private static StaffAccountChanged Change(Guid staffId, string name, DateTimeOffset at) => new()
    {
        StaffId = staffId,
        Email = $"{staffId:N}@customerplatform.test",
        DisplayName = name,
        Roles = [Roles.SuccessManager],
        Active = true,
        ChangedAt = at,
    };
}
