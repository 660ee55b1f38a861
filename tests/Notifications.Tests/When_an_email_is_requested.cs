using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Notifications.Tests;

[Collection(NotificationsCollection.Name)]
public sealed class When_an_email_is_requested(NotificationsFixture fixture)
{
    [Fact]
    public async Task Should_send_the_rendered_email_once_and_publish_EmailDelivered()
    {
        var to = NotificationsFixture.NewAddress("ann");
        var request = Requests.VerifyEmail(to, Guid.NewGuid(), token: "s3cret-token");

        await fixture.PublishAsync(request);

        var delivered = await fixture.Events.WaitForDeliveredAsync(request.NotificationId);
        Assert.Equal(request.CustomerId, delivered.CustomerId);
        Assert.Equal(request.CorrelationId, delivered.CorrelationId);
        Assert.Equal(EmailTemplates.VerifyEmail, delivered.Template);
        Assert.Equal(to, delivered.To);

        var email = Assert.Single(await fixture.MailDev.WaitForAsync(to));
        Assert.Equal("Confirm your email address", email.Subject);
        Assert.Equal("no-reply@customerplatform.test", Assert.Single(email.From).Address);
        Assert.Equal("Ann Example", Assert.Single(email.To).Name);
        Assert.Equal($"<{request.NotificationId:N}@customerplatform.test>", email.Header("message-id"));
        Assert.Contains("Hi Ann Example,", email.Text);
        Assert.Contains("https://app.customerplatform.test/verify-email?token=s3cret-token", email.Text);
        Assert.Contains("expires in 24 hours", email.Text);
        Assert.Contains("This is a security email", email.Text);
        Assert.Contains("Confirm email address</a>", email.Html);
        Assert.Contains("s3cret-token", email.Html);
    }

    /// <summary>
    /// The first attempt is made in the request's own transaction (ADR-007): the request is recorded as
    /// consumed only after the SMTP server took the email, not before a second message makes the attempt.
    /// </summary>
    [Fact]
    public async Task Should_make_the_first_attempt_while_accepting_the_request()
    {
        var request = Requests.VerifyEmail(NotificationsFixture.NewAddress("ann"), Guid.NewGuid());
        var messageId = NewId.NextGuid();

        await fixture.PublishAsync(request, messageId);
        await fixture.Events.WaitForDeliveredAsync(request.NotificationId);

        var sent = (await fixture.ReadAsync(request.NotificationId))!.SentAt!.Value.UtcDateTime;
        var consumed = await fixture.ReadAsync(db => db.Set<InboxState>().AsNoTracking()
            .Where(i => i.MessageId == messageId).Select(i => i.Consumed).SingleAsync());
        Assert.True(consumed >= sent, $"the request was consumed at {consumed:O}, before the email was sent at {sent:O}");
    }

    [Fact]
    public async Task Should_log_it_as_sent_and_erase_what_is_sensitive()
    {
        var to = NotificationsFixture.NewAddress("ann");
        var request = Requests.VerifyEmail(to, Guid.NewGuid(), token: "s3cret-token");

        await fixture.PublishAsync(request);
        await fixture.Events.WaitForDeliveredAsync(request.NotificationId);

        var logged = await fixture.ReadAsync(request.NotificationId);
        Assert.NotNull(logged);
        Assert.Equal(NotificationStatus.Sent, logged.Status);
        Assert.Equal(1, logged.Attempts);
        Assert.Equal(NotificationCategories.Security, logged.Category);
        Assert.Equal(NotificationChannels.Email, logged.Channel);
        Assert.Equal(to, logged.Recipient);
        Assert.Equal("Confirm your email address", logged.Subject);
        Assert.NotNull(logged.SentAt);
        Assert.Null(logged.LastError);
        Assert.Null(logged.HtmlBody);
        Assert.Null(logged.TextBody);
        Assert.DoesNotContain("verificationLink", logged.Variables.Keys);
        Assert.Equal("24", logged.Variables["expiresInHours"]);
        Assert.Equal(["verificationLink"], logged.SensitiveVariables);
        Assert.DoesNotContain("s3cret-token", logged.InboxText);
        Assert.Contains(Templates.EmailRenderer.HiddenValue, logged.InboxText);
    }
}
