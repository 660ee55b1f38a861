using System.Net;
using System.Net.Http.Json;
using CustomerPlatform.Contracts.Identity;
using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Contracts.Ticketing;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing.Tests;

[Collection(TicketingCollection.Name)]
public sealed class When_an_email_arrives(TicketingFixture fixture)
{
    private sealed record Received(string Outcome, Guid? TicketId, long? Number, Guid? MessageId, string? Reason);

    [Fact]
    public async Task Should_open_a_ticket_for_the_sender_with_the_new_text_and_the_attachments_under_the_limit()
    {
        var from = NewAddress();
        var raw = $"""
            From: Ann Example <{from}>
            To: support@customerplatform.test
            Subject: My invoice is wrong
            Message-ID: <{Guid.NewGuid():N}@mail.example.com>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b1"

            --b1
            Content-Type: text/plain; charset=utf-8

            The invoice for order 1001 charges me twice.

            --
            Ann Example
            --b1
            Content-Type: text/plain; name="small.txt"
            Content-Disposition: attachment; filename="small.txt"

            a small note
            --b1
            Content-Type: application/pdf; name="large.pdf"
            Content-Disposition: attachment; filename="large.pdf"
            Content-Transfer-Encoding: base64

            {Convert.ToBase64String(new byte[2048])}
            --b1--
            """;

        var response = await fixture.DeliverEmailAsync(raw);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var received = await response.Content.ReadFromJsonAsync<Received>();
        Assert.Equal(InboundEmailApi.Opened, received!.Outcome);
        Assert.True(received.Number > 0);
        var opened = await fixture.Events.WaitForAsync<TicketOpened>(e => e.TicketId == received.TicketId);
        Assert.Equal(TicketChannels.Email, opened.Channel);
        Assert.Equal(CustomerContact.SenderId(from), opened.CustomerId);

        var agent = await fixture.AddStaffAsync("Sam Support", Roles.Agent);
        var staff = fixture.CreateClient(agent, Roles.Agent);
        var ticket = await staff.GetFromJsonAsync<TicketDetails>($"/api/support/tickets/{received.TicketId}");
        Assert.Equal("My invoice is wrong", ticket!.Subject);
        Assert.Equal(received.Number, ticket.Number);
        Assert.Equal(TicketStatuses.New, ticket.Status);
        Assert.Equal(TicketChannels.Email, ticket.Channel);
        Assert.Equal("Ann Example", ticket.CustomerName);
        var message = Assert.Single(ticket.Messages);
        Assert.Equal("The invoice for order 1001 charges me twice.", message.Body);
        Assert.Equal(TicketChannels.Email, message.Channel);
        Assert.Collection(message.Attachments,
            small => Assert.Equal(("small.txt", "text/plain", true), (small.FileName, small.ContentType, small.Kept)),
            large => Assert.Equal(("large.pdf", "application/pdf", 2048L, false), (large.FileName, large.ContentType, large.Size, large.Kept)));

        var download = await staff.GetAsync($"/api/support/tickets/{received.TicketId}/attachments/{message.Attachments[0].AttachmentId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("a small note", (await download.Content.ReadAsStringAsync()).Trim());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        var notKept = await staff.GetAsync($"/api/support/tickets/{received.TicketId}/attachments/{message.Attachments[1].AttachmentId}");
        Assert.Equal(HttpStatusCode.NotFound, notKept.StatusCode);
        var stranger = await fixture.CreateCustomer(Guid.NewGuid()).GetAsync($"/api/support/tickets/{received.TicketId}/attachments/{message.Attachments[0].AttachmentId}");
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("not a signature")]
    public async Task Should_refuse_a_missing_or_wrong_signature_and_store_nothing(string? signature)
    {
        var messageId = $"{Guid.NewGuid():N}@mail.example.com";
        var raw = Email(NewAddress(), "Help", "Please help.", messageId);

        var response = signature is null
            ? await fixture.Service.CreateClient().PostAsync("/api/support/inbound-email", new StringContent(raw))
            : await fixture.DeliverEmailAsync(raw, signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(await fixture.ReadAsync(db => db.Messages.AnyAsync(m => m.EmailMessageId == messageId)));
    }

    [Fact]
    public async Task Should_start_the_sla_clock_at_the_priority_an_angry_first_email_raised()
    {
        var response = await fixture.DeliverEmailAsync(Email(NewAddress(), "Terrible service",
            "This is awful, the worst experience ever. I am furious and disgusted.", $"{Guid.NewGuid():N}@mail.example.com"));

        var received = await response.Content.ReadFromJsonAsync<Received>();
        var ticket = await fixture.ReadAsync(db => db.Tickets.AsNoTracking().SingleAsync(t => t.Id == received!.TicketId));
        Assert.Equal((TicketPriorities.High, TicketPriorities.High), (ticket.Priority, ticket.Sla!.Priority));
    }

    [Fact]
    public async Task Should_refuse_a_signature_made_for_another_body()
    {
        var messageId = $"{Guid.NewGuid():N}@mail.example.com";
        var signed = SignedRequest.Sign(System.Text.Encoding.UTF8.GetBytes("another body"), TicketingFixture.InboundEmailSecret);

        var response = await fixture.DeliverEmailAsync(Email(NewAddress(), "Help", "Please help.", messageId), signed);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(await fixture.ReadAsync(db => db.Messages.AnyAsync(m => m.EmailMessageId == messageId)));
    }

    [Fact]
    public async Task Should_take_a_repeated_delivery_once()
    {
        var raw = Email(NewAddress(), "Where is my parcel?", "It has not arrived.", $"{Guid.NewGuid():N}@mail.example.com");

        var responses = await Task.WhenAll(fixture.DeliverEmailAsync(raw), fixture.DeliverEmailAsync(raw), fixture.DeliverEmailAsync(raw));

        var received = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<Received>()));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(2, received.Count(r => r!.Outcome == InboundEmailApi.Duplicate));
        var ticketId = Assert.Single(received.Select(r => r!.TicketId).Distinct());
        Assert.Single(received.Select(r => r!.MessageId).Distinct());
        Assert.Equal(1, await fixture.ReadAsync(db => db.Messages.CountAsync(m => m.TicketId == ticketId)));
        await fixture.Events.WaitForAsync<TicketOpened>(e => e.TicketId == ticketId);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(fixture.Events.All<TicketOpened>(), e => e.TicketId == ticketId);
    }

    [Fact]
    public async Task Should_thread_the_answer_to_an_agents_reply_and_send_replies_that_thread_back()
    {
        var from = NewAddress();
        var firstId = $"{Guid.NewGuid():N}@mail.example.com";
        var opened = await ReceiveAsync(Email(from, "Refund not received", "I returned the shoes two weeks ago.", firstId));
        var agent = await fixture.AddStaffAsync("Sam Support", Roles.Agent);
        var staff = fixture.CreateClient(agent, Roles.Agent);
        await staff.PostAsJsonAsync($"/api/support/tickets/{opened.TicketId}/assign", new { assigneeId = agent });

        var replied = await staff.PostAsJsonAsync($"/api/support/tickets/{opened.TicketId}/messages", new { body = "Could you send the return number?" });
        var reply = await replied.Content.ReadFromJsonAsync<TicketMessageView>();
        var email = await fixture.Events.WaitForAsync<SendEmail>(e => e.NotificationId == reply!.MessageId);
        Assert.Equal(from, email.To);
        Assert.Equal(opened.Number.ToString(), email.Variables["ticketNumber"]);
        Assert.Equal(firstId, email.Threading!.InReplyTo);
        Assert.Equal([firstId], email.Threading.References);
        Assert.Equal("support@customerplatform.test", email.Threading.ReplyTo);

        // The customer's mail client answers our email: In-Reply-To names its Message-ID, whatever our domain is.
        var answer = await ReceiveAsync(Email(from, "Re: Refund not received", """
            It is RMA-1234.

            On Mon, 7 Dec 2026 at 10:00, Sam Support <support@customerplatform.test> wrote:
            > Could you send the return number?
            """, $"{Guid.NewGuid():N}@mail.example.com", inReplyTo: $"{reply!.MessageId:N}@customerplatform.test", references: firstId));

        Assert.Equal(InboundEmailApi.Threaded, answer.Outcome);
        Assert.Equal(opened.TicketId, answer.TicketId);
        var ticket = await staff.GetFromJsonAsync<TicketDetails>($"/api/support/tickets/{opened.TicketId}");
        Assert.Equal(["I returned the shoes two weeks ago.", "Could you send the return number?", "It is RMA-1234."], ticket!.Messages.Select(m => m.Body));
        Assert.Equal(TicketStatuses.Open, ticket.Status);

        // The next reply answers the customer's latest email and names the whole conversation.
        var second = await (await staff.PostAsJsonAsync($"/api/support/tickets/{opened.TicketId}/messages", new { body = "Thanks, refunded." }))
            .Content.ReadFromJsonAsync<TicketMessageView>();
        var secondEmail = await fixture.Events.WaitForAsync<SendEmail>(e => e.NotificationId == second!.MessageId);
        Assert.Equal(ticket.Messages[2].MessageId, (await fixture.ReadAsync(db => db.Messages.SingleAsync(m => m.EmailMessageId == secondEmail.Threading!.InReplyTo))).Id);
        Assert.Equal([reply.MessageId], secondEmail.Threading!.ReferencedNotifications);
        Assert.Equal(2, secondEmail.Threading.References.Count);
    }

    [Fact]
    public async Task Should_thread_by_the_number_in_the_subject_only_from_the_requester()
    {
        var from = NewAddress();
        var opened = await ReceiveAsync(Email(from, "Wrong size", "I got an M instead of an L.", $"{Guid.NewGuid():N}@mail.example.com"));

        var again = await ReceiveAsync(Email(from.ToUpperInvariant(), $"Re: Wrong size [#{opened.Number}]", "Any news?", $"{Guid.NewGuid():N}@mail.example.com"));
        var someoneElse = await ReceiveAsync(Email(NewAddress(), $"Re: Wrong size [#{opened.Number}]", "Me too!", $"{Guid.NewGuid():N}@mail.example.com"));

        Assert.Equal((InboundEmailApi.Threaded, opened.TicketId), (again.Outcome, again.TicketId));
        Assert.Equal(InboundEmailApi.Opened, someoneElse.Outcome);
        Assert.NotEqual(opened.TicketId, someoneElse.TicketId);
        Assert.Equal("Re: Wrong size", await fixture.ReadAsync(db => db.Tickets.Where(t => t.Id == someoneElse.TicketId).Select(t => t.Subject).SingleAsync()));
    }

    [Fact]
    public async Task Should_open_a_follow_up_when_the_answer_comes_after_the_ticket_closed()
    {
        var from = NewAddress();
        var opened = await ReceiveAsync(Email(from, "Broken zip", "The zip of my bag broke.", $"{Guid.NewGuid():N}@mail.example.com"));
        var agent = await fixture.AddStaffAsync("Sam Support", Roles.Agent);
        var staff = fixture.CreateClient(agent, Roles.Agent);
        await staff.PostAsJsonAsync($"/api/support/tickets/{opened.TicketId}/assign", new { assigneeId = agent });
        await staff.PatchAsJsonAsync($"/api/support/tickets/{opened.TicketId}", new { status = TicketStatuses.Solved });
        await fixture.WaitUntilAsync(db => db.Tickets.AnyAsync(t => t.Id == opened.TicketId && t.Status == TicketStatuses.Closed), "the ticket closed");

        var late = await ReceiveAsync(Email(from, $"Re: Broken zip [#{opened.Number}]", "It broke again.", $"{Guid.NewGuid():N}@mail.example.com"));

        Assert.Equal(InboundEmailApi.FollowUp, late.Outcome);
        Assert.NotEqual(opened.TicketId, late.TicketId);
        var followUp = await staff.GetFromJsonAsync<TicketDetails>($"/api/support/tickets/{late.TicketId}");
        Assert.Equal(opened.TicketId, followUp!.FollowUpOf);
        Assert.Equal("It broke again.", Assert.Single(followUp.Messages).Body);
    }

    [Fact]
    public async Task Should_ignore_an_automatic_reply()
    {
        var messageId = $"{Guid.NewGuid():N}@mail.example.com";
        var raw = Email(NewAddress(), "Out of office", "I am away until Monday.", messageId).Replace("MIME-Version: 1.0", "Auto-Submitted: auto-replied\nMIME-Version: 1.0");

        var response = await fixture.DeliverEmailAsync(raw);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(InboundEmailApi.Ignored, (await response.Content.ReadFromJsonAsync<Received>())!.Outcome);
        Assert.False(await fixture.ReadAsync(db => db.Messages.AnyAsync(m => m.EmailMessageId == messageId)));
    }

    [Fact]
    public async Task Should_answer_400_naming_from_for_a_message_without_a_sender()
    {
        var response = await fixture.DeliverEmailAsync("Subject: Hello\n\nNobody sent this.\n");

        await ApiAssert.BadRequestNamingAsync(response, "from");
    }

    [Fact]
    public async Task Should_give_the_sender_their_tickets_once_they_verify_their_address()
    {
        var from = NewAddress();
        var before = await ReceiveAsync(Email(from, "Before I signed up", "Do you ship to Norway?", $"{Guid.NewGuid():N}@mail.example.com"));
        var customerId = Guid.NewGuid();

        await fixture.Bus.Publish(new CustomerSignedUp { CustomerId = customerId, Email = from, DisplayName = "Nora Example", SignedUpAt = DateTimeOffset.UtcNow });
        await fixture.Bus.Publish(new EmailVerified { CustomerId = customerId, Email = from, VerifiedAt = DateTimeOffset.UtcNow });
        await fixture.WaitUntilAsync(db => db.Tickets.AnyAsync(t => t.Id == before.TicketId && t.CustomerId == customerId), "the ticket claimed");
        var after = await ReceiveAsync(Email(from, "After I signed up", "And to Iceland?", $"{Guid.NewGuid():N}@mail.example.com"));

        var mine = await fixture.CreateCustomer(customerId, "Nora Example", from).GetFromJsonAsync<TicketPage>("/api/support/tickets");
        Assert.Equal([after.TicketId!.Value, before.TicketId!.Value], mine!.Items.Select(t => t.TicketId));
        Assert.Equal("Nora Example", mine.Items[0].CustomerName);
    }

    private async Task<Received> ReceiveAsync(string raw)
    {
        var response = await fixture.DeliverEmailAsync(raw);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<Received>())!;
    }

    private static string NewAddress() => $"{Guid.NewGuid():N}@mail.example.com";

    private static string Email(string from, string subject, string body, string messageId, string? inReplyTo = null, string? references = null) =>
        $"""
        From: {from}
        To: support@customerplatform.test
        Subject: {subject}
        Message-ID: <{messageId}>
        {(inReplyTo is null ? "" : $"In-Reply-To: <{inReplyTo}>\n")}{(references is null ? "" : $"References: <{references}>\n")}MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8

        {body}
        """;
}
