using System.Net;
using System.Net.Http.Json;
using CustomerPlatform.Contracts.Notifications;

namespace CustomerPlatform.Notifications.Tests;

[Collection(NotificationsCollection.Name)]
public sealed class When_a_customer_opted_out(NotificationsFixture fixture)
{
    [Fact]
    public async Task Should_not_send_the_opted_out_category_but_still_send_security_email()
    {
        var customerId = Guid.NewGuid();
        var to = NotificationsFixture.NewAddress("quiet");
        using var client = fixture.CreateClient(customerId, Roles.Customer);
        var update = await client.PutAsJsonAsync("/api/notifications/preferences",
            new { categories = new[] { new { category = NotificationCategories.Onboarding, email = false } } });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);

        var introduction = Requests.Introduction(to, customerId);
        var verification = Requests.VerifyEmail(to, customerId);
        await fixture.PublishAsync(introduction);
        await fixture.PublishAsync(verification);

        var failed = await fixture.Events.WaitForFailedAsync(introduction.NotificationId);
        Assert.StartsWith(EmailFailureReasons.OptedOut + ":", failed.Reason);
        Assert.Equal(0, failed.Attempts);
        await fixture.Events.WaitForDeliveredAsync(verification.NotificationId);

        var email = Assert.Single(await fixture.MailDev.WaitForAsync(to));
        Assert.Equal("Confirm your email address", email.Subject);
        var suppressed = await fixture.ReadAsync(introduction.NotificationId);
        Assert.Equal(NotificationStatus.Suppressed, suppressed!.Status);
        Assert.Null(suppressed.HtmlBody);

        // The inbox still shows it: the preference is about email.
        var inbox = await client.GetFromJsonAsync<InboxPage>("/api/notifications");
        Assert.Contains(inbox!.Items, i => i.Id == introduction.NotificationId && i.Status == NotificationStatus.Suppressed);
    }

    [Fact]
    public async Task Should_send_the_category_again_once_turned_back_on()
    {
        var customerId = Guid.NewGuid();
        var to = NotificationsFixture.NewAddress("changed-mind");
        using var client = fixture.CreateClient(customerId, Roles.Customer);
        await client.PutAsJsonAsync("/api/notifications/preferences", new { categories = new[] { new { category = "onboarding", email = false } } });
        await client.PutAsJsonAsync("/api/notifications/preferences", new { categories = new[] { new { category = "onboarding", email = true } } });

        var introduction = Requests.Introduction(to, customerId);
        await fixture.PublishAsync(introduction);

        await fixture.Events.WaitForDeliveredAsync(introduction.NotificationId);
        var email = Assert.Single(await fixture.MailDev.WaitForAsync(to));
        Assert.Equal("Meet Sam Success, your success manager at CustomerPlatform", email.Subject);
        Assert.Contains("https://app.customerplatform.test/settings/notifications", email.Text);
    }
}
