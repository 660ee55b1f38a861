using CustomerPlatform.Contracts.Notifications;

namespace CustomerPlatform.Notifications.Tests;

[Collection(NotificationsCollection.Name)]
public sealed class When_a_request_is_invalid(NotificationsFixture fixture)
{
    [Fact]
    public async Task Should_fail_with_the_reason_and_send_nothing_when_variables_are_missing_or_invalid()
    {
        var to = NotificationsFixture.NewAddress("invalid");
        var request = Requests.VerifyEmail(to, Guid.NewGuid()) with
        {
            Variables = new Dictionary<string, string>
            {
                ["verificationLink"] = "javascript:alert(1)",
                ["expiresInHours"] = "soon",
            },
        };

        await fixture.PublishAsync(request);

        var failed = await fixture.Events.WaitForFailedAsync(request.NotificationId);
        Assert.StartsWith(EmailFailureReasons.InvalidRequest + ":", failed.Reason);
        Assert.Contains("'displayName' is required", failed.Reason);
        Assert.Contains("'verificationLink' is not an absolute http or https URL", failed.Reason);
        Assert.Contains("'expiresInHours' is not a whole number", failed.Reason);
        var logged = await fixture.ReadAsync(request.NotificationId);
        Assert.Equal(NotificationStatus.Failed, logged!.Status);
        Assert.Equal(0, logged.Attempts);
        Assert.Equal(failed.Reason, logged.LastError);
        Assert.DoesNotContain("verificationLink", logged.Variables.Keys);

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(await fixture.MailDev.ToAsync(to));
    }

    [Fact]
    public async Task Should_fail_an_unknown_template_or_a_bad_recipient()
    {
        var unknown = Requests.VerifyEmail(NotificationsFixture.NewAddress("unknown"), Guid.NewGuid()) with { Template = "no-such-template" };
        var badRecipient = Requests.VerifyEmail("Ann <ann@example.com>, bob@example.com", Guid.NewGuid());

        await fixture.PublishAsync(unknown);
        await fixture.PublishAsync(badRecipient);

        Assert.Contains("unknown template 'no-such-template'", (await fixture.Events.WaitForFailedAsync(unknown.NotificationId)).Reason);
        Assert.Contains("recipient is not an email address", (await fixture.Events.WaitForFailedAsync(badRecipient.NotificationId)).Reason);
    }

    [Fact]
    public async Task Should_refuse_a_request_without_its_idempotency_key()
    {
        var to = NotificationsFixture.NewAddress("keyless");
        var request = Requests.VerifyEmail(to, Guid.NewGuid()) with { NotificationId = Guid.Empty };

        await fixture.PublishAsync(request);

        var failed = await fixture.Events.WaitForFailedAsync(Guid.Empty);
        Assert.Contains("no NotificationId", failed.Reason);
        Assert.Null(await fixture.ReadAsync(Guid.Empty));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Empty(await fixture.MailDev.ToAsync(to));
    }
}
