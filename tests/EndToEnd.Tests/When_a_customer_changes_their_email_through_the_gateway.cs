using System.Net;
using Aspire.Hosting.Testing;
using CustomerPlatform.Contracts;

namespace CustomerPlatform.EndToEnd.Tests;

/// <summary>
/// A customer mid-journey moves their account to a new address, through the gateway only, reading MailDev: the
/// link goes to the new mailbox, the old one is told once the change is made, and the journey's next email (a
/// rejection at step 6) reaches the new address, because Onboarding took the change from CustomerEmailChanged.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class When_a_customer_changes_their_email_through_the_gateway(PlatformFixture platform)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Should_confirm_it_from_the_new_mailbox_tell_the_old_one_and_send_the_journey_there()
    {
        var gateway = platform.Gateway;
        using var mail = new MailDevInbox(platform.App.GetEndpoint(ResourceNames.Mail, "http"));
        var oldEmail = $"moving-{Guid.NewGuid():N}@example.com";
        var newEmail = $"moved-{Guid.NewGuid():N}@example.com";
        var (customerId, customer) = await Accounts.NewCustomerAsync(gateway, mail, oldEmail, "Max Mover", Wait);
        var admin = await Accounts.SignInAsync(gateway, StaffAccounts.Admin);
        var journey = new JourneyClient(customer);
        await journey.WaitForStepAsync("details-submitted", Wait, "active");
        await journey.SubmitDetailsAsync();
        var approval = await Approvals.WaitForPendingAsync(admin, customerId, 6, Wait);
        Assert.Equal(oldEmail, approval.GetProperty("customerEmail").GetString());

        await customer.ExpectAsync(HttpStatusCode.Accepted, HttpMethod.Post, "/api/identity/change-email",
            new { newEmail, password = Accounts.DefaultPassword });
        var confirmation = await mail.WaitForAsync(newEmail, found => Accounts.VerificationToken(found) is not null, Wait);
        Assert.Contains("/confirm-email-change?token=", Accounts.Text(confirmation[0]));
        await customer.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, "/api/identity/confirm-email-change",
            new { token = Accounts.VerificationToken(confirmation) });

        await mail.WaitForAsync(oldEmail, found => found.Any(e => Accounts.Text(e).Contains(newEmail, StringComparison.Ordinal)), Wait);
        using (var old = await Accounts.RequestTokenAsync(gateway, oldEmail, Accounts.DefaultPassword))
            Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
        var moved = await Accounts.SignInAsync(gateway, newEmail);
        Assert.Equal(newEmail, (await moved.GetAsync("/api/identity/me")).GetProperty("email").GetString());

        // Onboarding takes the new address from the event: the approval shows it, and the rejection is emailed there.
        await WaitForApprovalEmailAsync(admin, customerId, newEmail);
        Assert.Equal(HttpStatusCode.Accepted, await Approvals.DecideAsync(admin, Approvals.Id(approval), "reject", "Please give the company's full legal name."));
        await mail.WaitForAsync(newEmail, found => found.Any(e => Accounts.Text(e).Contains("full legal name", StringComparison.Ordinal)), Wait);
        Assert.DoesNotContain(await mail.ToAsync(oldEmail), e => Accounts.Text(e).Contains("full legal name", StringComparison.Ordinal));
    }

    private static async Task WaitForApprovalEmailAsync(ApiSession staff, Guid customerId, string email)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            var approval = await Approvals.WaitForPendingAsync(staff, customerId, 6, Wait);
            if (approval.GetProperty("customerEmail").GetString() == email)
                return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The approval still shows {approval.GetProperty("customerEmail")}, not {email}.");
            await Task.Delay(200);
        }
    }
}
