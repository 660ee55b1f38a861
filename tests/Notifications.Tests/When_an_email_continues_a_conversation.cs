using CustomerPlatform.Contracts.Notifications;

namespace CustomerPlatform.Notifications.Tests;

[Collection(NotificationsCollection.Name)]
public sealed class When_an_email_continues_a_conversation(NotificationsFixture fixture)
{
    [Fact]
    public async Task Should_carry_the_threading_headers_that_bring_the_answer_back()
    {
        var to = NotificationsFixture.NewAddress("ann");
        var earlierReply = Guid.NewGuid();
        var request = new SendEmail
        {
            NotificationId = Guid.NewGuid(),
            CustomerId = Guid.NewGuid(),
            To = to,
            RecipientName = "Ann Example",
            Template = EmailTemplates.TicketReplied,
            Variables = new Dictionary<string, string>
            {
                ["displayName"] = "Ann Example",
                ["ticketSubject"] = "My invoice is wrong",
                ["ticketNumber"] = "1042",
                ["replyAuthor"] = "Sam Support",
                ["replyExcerpt"] = "We corrected it.",
                ["ticketLink"] = "https://app.customerplatform.test/support/tickets/42",
            },
            Threading = new EmailThreading
            {
                InReplyTo = "<second.mail@mail.example.com>",
                References = ["first.mail@mail.example.com", "not an id\r\nBcc: victim@example.com", "second.mail@mail.example.com"],
                ReferencedNotifications = [earlierReply],
                ReplyTo = "Support <support@customerplatform.test>",
            },
        };

        await fixture.PublishAsync(request);

        await fixture.Events.WaitForDeliveredAsync(request.NotificationId);
        var email = await fixture.MailDev.SourceAsync(Assert.Single(await fixture.MailDev.WaitForAsync(to)).Id);
        Assert.Equal("Re: My invoice is wrong [#1042]", email.Subject);
        Assert.Equal("second.mail@mail.example.com", email.InReplyTo);
        Assert.Equal(["first.mail@mail.example.com", "second.mail@mail.example.com", $"{earlierReply:N}@customerplatform.test"], email.References);
        Assert.Equal("support@customerplatform.test", Assert.Single(email.ReplyTo.Mailboxes).Address);
        Assert.Empty(email.Bcc);
    }

    [Fact]
    public async Task Should_send_a_plain_email_without_threading_headers()
    {
        var to = NotificationsFixture.NewAddress("ann");
        var request = Requests.VerifyEmail(to, Guid.NewGuid());

        await fixture.PublishAsync(request);

        var email = await fixture.MailDev.SourceAsync(Assert.Single(await fixture.MailDev.WaitForAsync(to)).Id);
        Assert.Null(email.InReplyTo);
        Assert.Empty(email.References);
        Assert.Empty(email.ReplyTo);
    }
}
