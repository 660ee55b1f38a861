using System.Net;
using System.Net.Http.Json;
using CustomerPlatform.Contracts.Identity;
using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Contracts.Ticketing;
using CustomerPlatform.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Onboarding.Tests;

[Collection(OnboardingCollection.Name)]
public sealed class When_a_customer_changes_their_email(OnboardingFixture fixture)
{
    [Fact]
    public async Task Should_send_the_journeys_next_email_to_the_new_address()
    {
        var customer = new CustomerJourney(fixture);
        await customer.SignUpAsync();
        await customer.WaitForStepAsync(JourneySteps.VerificationSent, StepStatuses.Active);

        var newEmail = NewEmail(customer);
        await fixture.Bus.Publish(Change(customer, newEmail, DateTimeOffset.UtcNow));
        await WaitForJourneyEmailAsync(customer, newEmail);

        await customer.VerificationDeliveredAsync();
        await customer.WaitForStepAsync(JourneySteps.EmailVerified, StepStatuses.Active);
        await customer.VerifiedAsync();
        var form = await fixture.Events.WaitForAsync<SendEmail>(e => e.CustomerId == customer.Id && e.Template == EmailTemplates.DetailsForm, "after the verification");
        Assert.Equal(newEmail, form.To);
    }

    [Fact]
    public async Task Should_show_the_new_address_on_approvals_and_use_it_for_rejections_and_tickets()
    {
        await fixture.UseOnlySuccessManagersAsync(Guid.NewGuid());
        var customer = new CustomerJourney(fixture);
        await customer.StartAsync();
        ApiAssert.Status(HttpStatusCode.Accepted, await customer.SubmitDetailsAsync());
        var approval = await customer.PendingApprovalAsync(JourneySteps.DetailsApproved);
        Assert.Equal(customer.Email, approval.CustomerEmail);

        var newEmail = NewEmail(customer);
        await fixture.Bus.Publish(Change(customer, newEmail, DateTimeOffset.UtcNow));
        await WaitForJourneyEmailAsync(customer, newEmail);

        // The staff queue changed in the same transaction as the journey.
        var queue = await fixture.Admin().GetFromJsonAsync<List<ApprovalResponse>>("/api/onboarding/approvals?status=pending");
        Assert.Equal(newEmail, queue!.Single(a => a.ApprovalId == approval.ApprovalId).CustomerEmail);

        ApiAssert.Status(HttpStatusCode.Accepted, await CustomerJourney.DecideAsync(fixture.Admin(), approval.ApprovalId, "reject", "Please give the full company name."));
        var rejected = await fixture.Events.WaitForAsync<SendEmail>(e => e.CustomerId == customer.Id && e.Template == EmailTemplates.StepRejected, "for step 6");
        Assert.Equal(newEmail, rejected.To);

        var response = await customer.Client.PostAsJsonAsync("/api/onboarding/journey/help", new { body = "Which name do you need?" });
        ApiAssert.Status(HttpStatusCode.Created, response);
        var created = await response.Content.ReadFromJsonAsync<TicketCreated>();
        var ticket = await fixture.Events.WaitForAsync<OpenTicket>(t => t.TicketId == created!.TicketId, "for the help request");
        Assert.Equal(newEmail, ticket.CustomerEmail);
    }

    [Fact]
    public async Task Should_ignore_a_change_older_than_the_one_applied()
    {
        var customer = new CustomerJourney(fixture);
        await customer.SignUpAsync();
        await customer.WaitForStepAsync(JourneySteps.SignedUp, StepStatuses.Completed);

        var now = DateTimeOffset.UtcNow;
        var newest = NewEmail(customer);
        await fixture.Bus.Publish(Change(customer, newest, now));
        await WaitForJourneyEmailAsync(customer, newest);
        await PublishAndWaitUntilConsumedAsync(Change(customer, $"late-{customer.Id:N}@example.com", now.AddMinutes(-1)));

        Assert.Equal(newest, await JourneyEmailAsync(customer));
    }

    [Fact]
    public async Task Should_ignore_a_change_of_a_customer_without_a_journey()
    {
        var stranger = new CustomerJourney(fixture);

        await PublishAndWaitUntilConsumedAsync(Change(stranger, NewEmail(stranger), DateTimeOffset.UtcNow));

        Assert.Null(await stranger.GetAsync());
    }

    private static string NewEmail(CustomerJourney customer) => $"renamed-{customer.Id:N}@example.com";

    private static CustomerEmailChanged Change(CustomerJourney customer, string newEmail, DateTimeOffset at) => new()
    {
        CustomerId = customer.Id,
        OldEmail = customer.Email,
        NewEmail = newEmail,
        ChangedAt = at,
    };

    /// <summary>
    /// Publishes as Identity would and waits for the journey saga's inbox row to say consumed: it is
    /// committed only with a successful attempt, so a fault (and its retries) never gets there.
    /// </summary>
    private async Task PublishAndWaitUntilConsumedAsync(CustomerEmailChanged change)
    {
        var messageId = NewId.NextGuid();
        await fixture.Bus.Publish(change, context => context.MessageId = messageId);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await fixture.ReadAsync(db => db.Set<InboxState>().AsNoTracking().AnyAsync(i => i.MessageId == messageId && i.Consumed != null)))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"CustomerEmailChanged {messageId} for {change.CustomerId} was never consumed without a fault.");
            await Task.Delay(50);
        }
    }

    private Task<string?> JourneyEmailAsync(CustomerJourney customer) =>
        fixture.ReadAsync(db => db.Journeys.AsNoTracking().Where(j => j.CustomerId == customer.Id).Select(j => j.CustomerEmail).SingleOrDefaultAsync());

    private async Task WaitForJourneyEmailAsync(CustomerJourney customer, string email)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await JourneyEmailAsync(customer) != email)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The journey of {customer.Id} never showed {email}.");
            await Task.Delay(50);
        }
    }
}
