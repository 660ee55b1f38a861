using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using CustomerPlatform.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPlatform.EndToEnd.Tests;

/// <summary>
/// The email channel end to end, through the gateway, with the secret the AppHost generated: the provider's
/// signed delivery opens a ticket, the agent's reply reaches MailDev with the ticket's number in its subject
/// and the headers that thread it under the customer's email, and the customer's answer to that reply (its
/// In-Reply-To naming our Message-ID) joins the same ticket. An unsigned delivery is refused and stores nothing.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class When_a_customer_writes_to_support_by_email(PlatformFixture platform)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Should_open_a_ticket_send_the_reply_by_email_and_thread_the_answer_back()
    {
        var secret = (await platform.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ParameterResource>()
            .Single(p => p.Name == "inbound-email-secret").GetValueAsync(CancellationToken.None))!;
        using var mail = new MailDevInbox(platform.App.GetEndpoint(ResourceNames.Mail, "http"));
        var customer = $"writer-{Guid.NewGuid():N}@example.com";
        var firstId = $"{Guid.NewGuid():N}@mail.example.com";

        using (var unsigned = await DeliverAsync(Email(customer, "Unsigned", "Forged.", $"{Guid.NewGuid():N}@mail.example.com"), "sha256=" + new string('0', 64)))
            Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);

        using var opened = await DeliverAsync(Email(customer, "My parcel never came", "Order 5521 was due on Monday.\n\n--\nWin Writer", firstId), secret);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var received = JsonDocument.Parse(await opened.Content.ReadAsStringAsync()).RootElement;
        var ticketId = received.GetProperty("ticketId").GetString();
        var number = received.GetProperty("number").GetInt64();

        var agent = await Accounts.SignInAsync(platform.Gateway, StaffAccounts.Agent);
        var ticket = await agent.GetAsync($"/api/support/tickets/{ticketId}");
        Assert.Equal("email", ticket.GetProperty("channel").GetString());
        Assert.Equal("Order 5521 was due on Monday.", ticket.GetProperty("messages")[0].GetProperty("body").GetString());
        var me = (await agent.GetAsync("/api/identity/me")).GetProperty("customerId").GetGuid();
        await agent.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/support/tickets/{ticketId}/assign", new { assigneeId = me });
        await agent.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/api/support/tickets/{ticketId}/messages", new { body = "It is on its way: tracking 1Z999." });

        var reply = (await mail.WaitForAsync(customer, found => found.Count > 0, Wait)).Single();
        Assert.Equal($"Re: My parcel never came [#{number}]", reply.GetProperty("subject").GetString());
        var headers = reply.GetProperty("headers");
        Assert.Equal($"<{firstId}>", headers.GetProperty("in-reply-to").GetString());
        var replyMessageId = headers.GetProperty("message-id").GetString()!;

        using var answered = await DeliverAsync(Email(customer, $"Re: My parcel never came [#{number}]",
            $"Thanks, it arrived!\n\nOn Mon, 7 Dec 2026 at 10:00, Support <support@customerplatform.example> wrote:\n> It is on its way: tracking 1Z999.",
            $"{Guid.NewGuid():N}@mail.example.com", inReplyTo: replyMessageId.Trim('<', '>')), secret);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        var thread = await agent.GetAsync($"/api/support/tickets/{ticketId}");
        Assert.Equal(["Order 5521 was due on Monday.", "It is on its way: tracking 1Z999.", "Thanks, it arrived!"],
            thread.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("body").GetString()));
    }

    private async Task<HttpResponseMessage> DeliverAsync(string raw, string secretOrSignature)
    {
        var body = Encoding.UTF8.GetBytes(raw.ReplaceLineEndings("\r\n"));
        var signature = secretOrSignature.StartsWith("sha256=", StringComparison.Ordinal)
            ? secretOrSignature
            : "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretOrSignature), body));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/support/inbound-email") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        request.Headers.Add("X-Signature-256", signature);
        return await platform.Gateway.SendAsync(request);
    }

    private static string Email(string from, string subject, string body, string messageId, string? inReplyTo = null) =>
        $"From: {from}\nTo: support@customerplatform.example\nSubject: {subject}\nMessage-ID: <{messageId}>\n"
        + (inReplyTo is null ? "" : $"In-Reply-To: <{inReplyTo}>\n")
        + $"MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n{body}\n";
}
