using CustomerPlatform.Notifications.Consumers;

namespace CustomerPlatform.Notifications.Tests;

[Collection(NotificationsCollection.Name)]
public sealed class When_a_request_is_repeated(NotificationsFixture fixture)
{
    /// <summary>Time for a second email to show up if one were going to: several delivery rounds.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Should_send_one_email_for_requests_with_the_same_notification_id()
    {
        var to = NotificationsFixture.NewAddress("twice");
        var request = Requests.VerifyEmail(to, Guid.NewGuid());

        // Each publish is a new message (a new message id), as when a sender retries its request; racing ones too.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => fixture.PublishAsync(request)));
        await fixture.Events.WaitForDeliveredAsync(request.NotificationId);
        await Task.Delay(Settle);
        await fixture.PublishAsync(request);
        await Task.Delay(Settle);

        Assert.Single(await fixture.MailDev.ToAsync(to));
        Assert.Equal(1, fixture.Events.Count(request.NotificationId));
        var logged = await fixture.ReadAsync(request.NotificationId);
        Assert.Equal(1, logged!.Attempts);
    }

    [Fact]
    public async Task Should_send_one_email_when_the_same_message_arrives_twice()
    {
        var to = NotificationsFixture.NewAddress("redelivered");
        var request = Requests.VerifyEmail(to, Guid.NewGuid());
        var messageId = Guid.NewGuid();

        await fixture.PublishAsync(request, messageId);
        await fixture.PublishAsync(request, messageId);
        await fixture.Events.WaitForDeliveredAsync(request.NotificationId);
        await Task.Delay(Settle);

        Assert.Single(await fixture.MailDev.ToAsync(to));
        Assert.Equal(1, fixture.Events.Count(request.NotificationId));
    }

    [Fact]
    public async Task Should_send_one_email_when_delivery_commands_race_or_come_late()
    {
        var to = NotificationsFixture.NewAddress("racing");
        var request = Requests.VerifyEmail(to, Guid.NewGuid());
        var deliveries = await fixture.Bus.GetSendEndpoint(new Uri("queue:notifications-deliver-email"));

        // Copies of the first attempt's command racing the service's own one (each a new message), then one after it.
        await fixture.PublishAsync(request);
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => deliveries.Send(new DeliverEmail(request.NotificationId, 1))));
        await fixture.Events.WaitForDeliveredAsync(request.NotificationId);
        await deliveries.Send(new DeliverEmail(request.NotificationId, 1));
        await deliveries.Send(new DeliverEmail(request.NotificationId, 2));
        await Task.Delay(Settle);

        Assert.Single(await fixture.MailDev.ToAsync(to));
        Assert.Equal(1, fixture.Events.Count(request.NotificationId));
        Assert.Equal(1, (await fixture.ReadAsync(request.NotificationId))!.Attempts);
    }
}
