using System.Net;
using System.Net.Http.Json;
using CustomerPlatform.Contracts.Ticketing;

namespace CustomerPlatform.Onboarding.Tests;

[Collection(OnboardingCollection.Name)]
public sealed class When_a_customer_asks_for_help(OnboardingFixture fixture)
{
    [Fact]
    public async Task Should_open_a_ticket_for_the_support_queue_then_for_the_csm()
    {
        var csm = Guid.NewGuid();
        await fixture.UseOnlySuccessManagersAsync(csm);
        var customer = new CustomerJourney(fixture);
        ApiAssert.Status(HttpStatusCode.NotFound, await customer.Client.PostAsJsonAsync("/api/onboarding/journey/help", new { body = "Hello?" }));
        await customer.StartAsync();
        await ApiAssert.BadRequestNamingAsync(await customer.Client.PostAsJsonAsync("/api/onboarding/journey/help", new { body = "" }), "body");

        var before = await HelpAsync(customer, "Where is the form?");
        Assert.Null(before.AssigneeId);
        Assert.Equal(TicketKinds.Help, before.Kind);

        await customer.ThroughDetailsAsync();
        var after = await HelpAsync(customer, "Who is my manager?");
        Assert.Equal(csm, after.AssigneeId);
    }

    private async Task<OpenTicket> HelpAsync(CustomerJourney customer, string body)
    {
        var response = await customer.Client.PostAsJsonAsync("/api/onboarding/journey/help", new { body });
        ApiAssert.Status(HttpStatusCode.Created, response);
        var created = await response.Content.ReadFromJsonAsync<TicketCreated>();
        return await fixture.Events.WaitForAsync<OpenTicket>(t => t.TicketId == created!.TicketId, "for the help request");
    }
}
