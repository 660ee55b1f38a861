using System.Net;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using CustomerPlatform.Contracts;

namespace CustomerPlatform.EndToEnd.Tests;

/// <summary>
/// Onboarding is killed (SIGKILL, no graceful shutdown) right after accepting the customer's details:
/// the accepted request is not lost, and the journey goes on after the restart.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class When_onboarding_is_killed_mid_journey(PlatformFixture platform)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Should_lose_nothing_and_carry_on()
    {
        var gateway = platform.Gateway;
        using var mail = new MailDevInbox(platform.App.GetEndpoint(ResourceNames.Mail, "http"));
        var email = $"killed-{Guid.NewGuid():N}@example.com";
        var (customerId, customer) = await Accounts.NewCustomerAsync(gateway, mail, email, "Kit Killed", Wait);
        var journey = new JourneyClient(customer);
        await journey.WaitForStepAsync("details-submitted", Wait, "active");

        await journey.SubmitDetailsAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await ResourceControl.KillAndStartAsync(platform.App, ResourceNames.Services.Onboarding, timeout.Token);
        await platform.App.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Gateway, timeout.Token);

        var admin = await Accounts.SignInAsync(gateway, StaffAccounts.Admin);
        var approval = await Approvals.WaitForPendingAsync(admin, customerId, 6, Wait);
        Assert.Equal(HttpStatusCode.Accepted, await Approvals.DecideAsync(admin, Approvals.Id(approval), "approve"));

        var enrolled = await journey.WaitForCompletedAsync("initial-training-enrolled", Wait);
        Assert.Equal(JsonValueKind.String, enrolled.GetProperty("successManager").GetProperty("email").ValueKind);
        Assert.Single(await mail.ToAsync(email), e => Accounts.TokenLink().IsMatch(Accounts.Text(e)));
    }
}
