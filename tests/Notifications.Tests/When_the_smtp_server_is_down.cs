using CustomerPlatform.Contracts.Notifications;

namespace CustomerPlatform.Notifications.Tests;

[Collection(NotificationsCollection.Name)]
public sealed class When_the_smtp_server_is_down(NotificationsFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.Servers.StopServerAsync(ResourceNames.Mail);

    /// <summary>Whatever a test did, the next one finds the server up.</summary>
    public async Task DisposeAsync() => await StartMailAsync();

    [Fact]
    public async Task Should_deliver_the_email_once_when_it_is_back()
    {
        var to = NotificationsFixture.NewAddress("patient");
        var request = Requests.VerifyEmail(to, Guid.NewGuid());

        await fixture.PublishAsync(request);
        var waiting = await fixture.WaitForAsync(request.NotificationId, n => n.Attempts >= 1 && n.LastError is not null);
        Assert.Equal(NotificationStatus.Queued, waiting.Status);
        Assert.NotNull(waiting.NextAttemptAt);
        Assert.NotNull(waiting.HtmlBody);

        await StartMailAsync();

        await fixture.Events.WaitForDeliveredAsync(request.NotificationId);
        var sent = await fixture.ReadAsync(request.NotificationId);
        Assert.Equal(NotificationStatus.Sent, sent!.Status);
        Assert.True(sent.Attempts >= 2, $"{sent.Attempts} attempts");
        Assert.Single(await fixture.MailDev.WaitForAsync(to));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(await fixture.MailDev.ToAsync(to));
        Assert.Equal(1, fixture.Events.Count(request.NotificationId));
    }

    [Fact]
    public async Task Should_mark_it_failed_and_publish_EmailFailed_when_the_retries_run_out()
    {
        var to = NotificationsFixture.NewAddress("unlucky");
        var request = Requests.VerifyEmail(to, Guid.NewGuid());

        await fixture.PublishAsync(request);

        var failed = await fixture.Events.WaitForFailedAsync(request.NotificationId, TimeSpan.FromSeconds(60));
        var attempts = NotificationsFixture.RetryIntervals.Length + 1;
        Assert.StartsWith(EmailFailureReasons.RetriesExhausted + ":", failed.Reason);
        Assert.Equal(attempts, failed.Attempts);
        Assert.Equal(to, failed.To);
        var logged = await fixture.ReadAsync(request.NotificationId);
        Assert.Equal(NotificationStatus.Failed, logged!.Status);
        Assert.Equal(attempts, logged.Attempts);
        Assert.NotNull(logged.FailedAt);
        Assert.Null(logged.NextAttemptAt);
        Assert.Null(logged.HtmlBody);
        Assert.Null(logged.TextBody);

        // The attempts were spread over the retry intervals, not spent at once.
        var spread = logged.FailedAt!.Value - logged.CreatedAt;
        Assert.True(spread >= NotificationsFixture.RetryIntervals.Aggregate(TimeSpan.Zero, (a, b) => a + b), $"failed after {spread}");

        await StartMailAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(await fixture.MailDev.ToAsync(to));
    }

    private async Task StartMailAsync()
    {
        await fixture.Servers.StartServerAsync(ResourceNames.Mail);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await fixture.Servers.WaitUntilHealthyAsync(ResourceNames.Mail, timeout.Token);
    }
}
