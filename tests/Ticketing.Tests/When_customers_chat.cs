using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CustomerPlatform.Contracts.Notifications;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing.Tests;

/// <summary>The live chat: its REST routes and its hub, on the real database and broker (the hub over long polling in-process).</summary>
[Collection(TicketingCollection.Name)]
public sealed class When_customers_chat(TicketingFixture fixture)
{
    [Fact]
    public async Task Should_deliver_messages_typing_and_reading_live_between_the_customer_and_the_agent_who_took_the_chat()
    {
        var customerId = Guid.NewGuid();
        var customer = fixture.CreateCustomer(customerId, "Cleo Chat", "cleo@example.com");
        var (agentId, agent) = await fixture.AgentAsync("Ava Chat", TicketingFixture.ChatQueue, capacity: 5, available: true);
        var (otherId, other) = await fixture.AgentAsync("Olly Chat", TicketingFixture.ChatQueue, capacity: 5, available: true);
        try
        {
            await using var agentHub = await HubAsync(agentId, Roles.Agent, "Ava Chat");
            var started = await customer.PostAsJsonAsync("/api/support/chats", new { message = "Hello, my parcel is late" });
            Assert.Equal(HttpStatusCode.Created, started.StatusCode);
            var chatId = (await started.Content.ReadFromJsonAsync<ChatApi.Started>())!.ChatId;
            Assert.Equal($"/api/support/chats/{chatId}", started.Headers.Location!.OriginalString);

            // Staff connections hear of the waiting chat at once, and the list shows it.
            var offered = await agentHub.WaitForAsync<ChatSummary>("ChatChanged", c => c.ChatId == chatId);
            Assert.Equal((ChatStatuses.Waiting, TicketingFixture.ChatQueue, "Cleo Chat", "Hello, my parcel is late"),
                (offered.Status, offered.Queue, offered.CustomerName, offered.LastMessage));
            Assert.Contains((await agent.GetFromJsonAsync<ChatSummary[]>("/api/support/chats"))!, c => c.ChatId == chatId && c.Status == ChatStatuses.Waiting);

            // A second chat while this one is open is refused, naming the open one; nothing is stored.
            var second = await customer.PostAsJsonAsync("/api/support/chats", new { message = "Anyone?" });
            Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
            Assert.Equal(chatId, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("chatId").GetGuid());
            Assert.Equal(1, await fixture.ReadAsync(db => db.Tickets.CountAsync(t => t.CustomerId == customerId)));

            await using var customerHub = await HubAsync(customerId, Roles.Customer, "Cleo Chat");
            var watched = await customerHub.Connection.InvokeAsync<ChatView>("Watch", chatId);
            Assert.Equal("Hello, my parcel is late", Assert.Single(watched.Messages).Body);

            // Another agent may read the waiting chat, but its conversation is not theirs to follow once a colleague takes it.
            await using var otherHub = await HubAsync(otherId, Roles.Agent, "Olly Chat");
            Assert.Equal(chatId, (await otherHub.Connection.InvokeAsync<ChatView>("Watch", chatId)).Chat.ChatId);
            await Assert.ThrowsAsync<HubException>(() => otherHub.Connection.InvokeAsync("Typing", chatId));

            // Only the agent who takes it answers; the other agent is told it is taken.
            Assert.Equal(HttpStatusCode.Conflict, (await agent.PostAsJsonAsync($"/api/support/chats/{chatId}/messages", new { body = "Hi" })).StatusCode);
            var take = await agent.PostAsync($"/api/support/chats/{chatId}/take", null);
            Assert.Equal(HttpStatusCode.OK, take.StatusCode);
            var taken = await customerHub.WaitForAsync<ChatSummary>("ChatChanged", c => c.ChatId == chatId && c.Status == ChatStatuses.Live);
            Assert.Equal((agentId, "Ava Chat"), (taken.AgentId, taken.AgentName));
            Assert.Equal(HttpStatusCode.Conflict, (await other.PostAsync($"/api/support/chats/{chatId}/take", null)).StatusCode);

            // Messages both ways arrive live on the other side; typing goes to the other side only.
            await agentHub.Connection.InvokeAsync<ChatView>("Watch", chatId);
            await customerHub.Connection.InvokeAsync("Typing", chatId);
            var typing = await agentHub.WaitForAsync<ChatTyping>("ChatTyping", t => t.ChatId == chatId);
            Assert.Equal((AuthorRoles.Customer, "Cleo Chat"), (typing.Role, typing.Name));
            var fromCustomer = await customerHub.Connection.InvokeAsync<ChatMessage>("Send", chatId, "Order 1234, due Monday");
            Assert.Equal("Order 1234, due Monday", (await agentHub.WaitForAsync<ChatMessage>("ChatMessage", m => m.Id == fromCustomer.Id)).Body);
            var reply = await agent.PostAsJsonAsync($"/api/support/chats/{chatId}/messages", new { body = "Let me look: one moment." });
            Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
            var fromAgent = (await reply.Content.ReadFromJsonAsync<ChatMessage>())!;
            var heard = await customerHub.WaitForAsync<ChatMessage>("ChatMessage", m => m.Id == fromAgent.Id);
            Assert.Equal((AuthorRoles.Staff, "Ava Chat", "Let me look: one moment."), (heard.Role, heard.AuthorName, heard.Body));
            Assert.DoesNotContain(customerHub.Heard("ChatTyping"), t => ((ChatTyping)t).Role == AuthorRoles.Customer);
            Assert.DoesNotContain(otherHub.Heard("ChatMessage"), m => ((ChatMessage)m).ChatId == chatId);

            // Reading moves each side's mark, forward only, and both sides hear of it.
            await customerHub.Connection.InvokeAsync("Read", chatId, fromAgent.Id);
            var read = await agentHub.WaitForAsync<ChatRead>("ChatRead", r => r.ChatId == chatId && r.UpTo == fromAgent.Id);
            Assert.Equal(AuthorRoles.Customer, read.Role);
            Assert.Equal(HttpStatusCode.NoContent, (await customer.PostAsJsonAsync($"/api/support/chats/{chatId}/read", new { upTo = fromCustomer.Id })).StatusCode);
            var view = (await customer.GetFromJsonAsync<ChatView>($"/api/support/chats/{chatId}"))!;
            Assert.Equal(fromAgent.Id, view.Chat.CustomerReadUpTo);
            Assert.Equal(["Hello, my parcel is late", "Order 1234, due Monday", "Let me look: one moment."], view.Messages.Select(m => m.Body));

            // The transcript is the ticket's thread, and the chat's ticket is the agent's.
            var ticket = (await agent.GetFromJsonAsync<JsonElement>($"/api/support/tickets/{chatId}"));
            Assert.Equal(TicketChannels.Chat, ticket.GetProperty("channel").GetString());
            Assert.Equal(agentId, ticket.GetProperty("assigneeId").GetGuid());
            Assert.Equal(["Hello, my parcel is late", "Order 1234, due Monday", "Let me look: one moment."],
                ticket.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("body").GetString()));

            // Ending tells both sides; an ended chat takes no more messages, and ending again changes nothing.
            Assert.Equal(HttpStatusCode.OK, (await customer.PostAsync($"/api/support/chats/{chatId}/end", null)).StatusCode);
            await agentHub.WaitForAsync<ChatSummary>("ChatChanged", c => c.ChatId == chatId && c.Status == ChatStatuses.Ended);
            Assert.Equal(HttpStatusCode.Conflict, (await customer.PostAsJsonAsync($"/api/support/chats/{chatId}/messages", new { body = "One more" })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await agent.PostAsync($"/api/support/chats/{chatId}/end", null)).StatusCode);
            await Assert.ThrowsAsync<HubException>(() => customerHub.Connection.InvokeAsync<ChatMessage>("Send", chatId, "Still there?"));

            // Once over, the customer may chat again.
            Assert.Equal(HttpStatusCode.Created, (await customer.PostAsJsonAsync("/api/support/chats", new { message = "Me again" })).StatusCode);
        }
        finally
        {
            await TicketingFixture.SetAvailableAsync(agent, false);
            await TicketingFixture.SetAvailableAsync(other, false);
        }
    }

    [Fact]
    public async Task Should_refuse_bad_input_naming_the_field_and_keep_chats_to_their_people()
    {
        var customerId = Guid.NewGuid();
        var customer = fixture.CreateCustomer(customerId);
        foreach (var (body, field) in new (object, string)[]
        {
            (new { message = "" }, "message"),
            (new { message = new string('x', ChatOptions.MaxMessageLength + 1) }, "message"),
            (new { message = "Hi", orderId = "not an order id!" }, "orderId"),
        })
        {
            var response = await customer.PostAsJsonAsync("/api/support/chats", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), field);
        }
        Assert.False(await fixture.ReadAsync(db => db.Chats.AnyAsync(c => c.CustomerId == customerId)));
        Assert.Equal(HttpStatusCode.BadRequest, (await customer.GetAsync("/api/support/chats?status=sleeping")).StatusCode);

        var started = await customer.PostAsJsonAsync("/api/support/chats", new { message = "Is anyone there?" });
        var chatId = (await started.Content.ReadFromJsonAsync<ChatApi.Started>())!.ChatId;
        var empty = await customer.PostAsJsonAsync($"/api/support/chats/{chatId}/messages", new { body = " " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.True((await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("body", out _));
        var unknownMessage = await customer.PostAsJsonAsync($"/api/support/chats/{chatId}/read", new { upTo = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.BadRequest, unknownMessage.StatusCode);
        Assert.True((await unknownMessage.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("upTo", out _));

        // Another customer neither sees nor writes in it; a customer does not take chats.
        var stranger = fixture.CreateCustomer(Guid.NewGuid(), "Stan Ger", "stan@example.com");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/support/chats/{chatId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"/api/support/chats/{chatId}/messages", new { body = "Hi" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsync($"/api/support/chats/{chatId}/take", null)).StatusCode);
        await using var strangerHub = await HubAsync(Guid.NewGuid(), Roles.Customer, "Stan Ger");
        await Assert.ThrowsAsync<HubException>(() => strangerHub.Connection.InvokeAsync<ChatView>("Watch", chatId));
        await Assert.ThrowsAsync<HubException>(() => strangerHub.Connection.InvokeAsync("Typing", chatId));
        Assert.Equal(1, await fixture.ReadAsync(db => db.Messages.CountAsync(m => m.TicketId == chatId)));

        // An agent who is away, or full, cannot take it.
        var (_, away) = await fixture.AgentAsync("Al Away", TicketingFixture.ChatQueue, capacity: 5, available: false);
        Assert.Equal(HttpStatusCode.Conflict, (await away.PostAsync($"/api/support/chats/{chatId}/take", null)).StatusCode);
        var (fullId, full) = await fixture.AgentAsync("Fay Full", TicketingFixture.ChatQueue, capacity: 1, available: false);
        var held = await fixture.OpenAsync(TicketingFixture.NewTicket(Guid.NewGuid(), fullId));
        await TicketingFixture.SetAvailableAsync(full, true);
        try
        {
            var refused = await full.PostAsync($"/api/support/chats/{chatId}/take", null);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("capacity", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        }
        finally
        {
            await TicketingFixture.SetAvailableAsync(full, false);
        }
        Assert.Equal(ChatStatuses.Waiting, await fixture.ReadAsync(db => db.Chats.Where(c => c.TicketId == chatId).Select(c => c.Status).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await customer.PostAsync($"/api/support/chats/{chatId}/end", null)).StatusCode);
        _ = held;
    }

    [Fact]
    public async Task Should_make_a_chat_nobody_takes_in_time_an_ordinary_ticket_and_tell_the_customer_once_even_across_a_restart()
    {
        // One chat waits across a restart: the moment it becomes a ticket is on the durable scheduler.
        var restartedId = Guid.NewGuid();
        var restarted = await StartAsync(fixture.CreateCustomer(restartedId, "Rae Restart", "rae@example.com"), "Is my order shipped?");
        await fixture.RestartServiceAsync();

        // Another is watched live from its start.
        var customerId = Guid.NewGuid();
        var customer = fixture.CreateCustomer(customerId, "Mo Missed", "mo@example.com");
        await using var customerHub = await HubAsync(customerId, Roles.Customer, "Mo Missed");
        var chatId = await StartAsync(customer, "Can someone help with my invoice?");
        await customerHub.Connection.InvokeAsync<ChatView>("Watch", chatId);

        var told = await customerHub.WaitForAsync<ChatSummary>("ChatChanged", c => c.ChatId == chatId && c.Status == ChatStatuses.Missed,
            TicketingFixture.ChatTakeWithin + TimeSpan.FromSeconds(30));
        Assert.Null(told.AgentId);
        var email = await MissedEmailAsync("mo@example.com");
        Assert.Equal(told.TicketNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), email.Variables["ticketNumber"]);
        Assert.Contains(chatId.ToString(), email.Variables["ticketLink"]);
        await MissedEmailAsync("rae@example.com");
        Assert.Equal(ChatStatuses.Missed, await fixture.ReadAsync(db => db.Chats.Where(c => c.TicketId == restarted).Select(c => c.Status).SingleAsync()));

        // The ticket waits in the chat queue like any other, its thread the chat's; the chat takes no more messages.
        var ticket = await fixture.ReadAsync(db => db.Tickets.AsNoTracking().SingleAsync(t => t.Id == chatId));
        Assert.Equal((TicketingFixture.ChatQueue, TicketStatuses.New, TicketChannels.Chat), (ticket.Queue, ticket.Status, ticket.Channel));
        Assert.Equal(HttpStatusCode.Conflict, (await customer.PostAsJsonAsync($"/api/support/chats/{chatId}/messages", new { body = "Hello?" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await customer.PostAsJsonAsync($"/api/support/tickets/{chatId}/messages", new { body = "Still need help" })).StatusCode);

        // Told once: a late repeat of the timer changes nothing and sends nothing.
        await fixture.Bus.Publish(new ChatTakeDue(chatId));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(fixture.Events.All<SendEmail>(e => e.Template == EmailTemplates.ChatMissed && e.To == "mo@example.com"));
    }

    /// <summary>
    /// The chat-missed email to <paramref name="to"/>. Its row commits with the chat's Missed status, so it is late only if its
    /// outbox delivery is; the wait allows for the delivery service taking over a consumer's undelivered rows
    /// (<c>Messaging:OrphanedOutboxAge</c>, a minute) and says, if it ends, what was still in the outbox.
    /// </summary>
    private async Task<SendEmail> MissedEmailAsync(string to)
    {
        try
        {
            return await fixture.Events.WaitForAsync<SendEmail>(e => e.Template == EmailTemplates.ChatMissed && e.To == to, timeout: TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException timeout)
        {
            var left = await fixture.ReadAsync(db => db.Set<CustomerPlatform.Messaging.OutboxMessage>().AsNoTracking()
                .Select(o => $"{o.SequenceNumber} {o.MessageType} to {o.DestinationAddress} (inbox {o.InboxMessageId})").ToListAsync());
            var heard = fixture.Events.All<SendEmail>().Select(e => $"{e.Template} to {e.To}");
            throw new TimeoutException($"{timeout.Message} Outbox rows left: [{string.Join("; ", left)}]. Emails heard: [{string.Join("; ", heard)}].", timeout);
        }
    }

    private static async Task<Guid> StartAsync(HttpClient customer, string message)
    {
        var started = await customer.PostAsJsonAsync("/api/support/chats", new { message });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        return (await started.Content.ReadFromJsonAsync<ChatApi.Started>())!.ChatId;
    }

    /// <summary>A hub connection signed in as the user, over long polling through the in-process server, recording what it hears.</summary>
    private async Task<HubClient> HubAsync(Guid userId, string role, string name)
    {
        var server = fixture.Service.Server;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "api/support/chats/hub"), options =>
            {
                options.Transports = HttpTransportType.LongPolling;
                options.HttpMessageHandlerFactory = _ => server.CreateHandler();
                options.Headers[TestAuthHandler.UserHeader] = userId.ToString();
                options.Headers[TestAuthHandler.RolesHeader] = role;
                options.Headers[TestAuthHandler.NameHeader] = name;
            })
            .Build();
        var client = new HubClient(connection);
        await connection.StartAsync();
        return client;
    }

    private sealed class HubClient : IAsyncDisposable
    {
        private readonly ConcurrentQueue<(string Method, object Value)> _heard = new();
        private readonly SemaphoreSlim _arrived = new(0);

        public HubClient(HubConnection connection)
        {
            Connection = connection;
            Listen<ChatSummary>("ChatChanged");
            Listen<ChatMessage>("ChatMessage");
            Listen<ChatTyping>("ChatTyping");
            Listen<ChatRead>("ChatRead");
        }

        public HubConnection Connection { get; }

        public IEnumerable<object> Heard(string method) => _heard.Where(h => h.Method == method).Select(h => h.Value);

        public async Task<T> WaitForAsync<T>(string method, Func<T, bool> match, TimeSpan? timeout = null)
        {
            var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
            while (true)
            {
                if (Heard(method).OfType<T>().FirstOrDefault(match) is { } found)
                    return found;
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                    throw new TimeoutException($"Never heard the expected {method}; heard {_heard.Count} events.");
                await _arrived.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
            }
        }

        public ValueTask DisposeAsync() => Connection.DisposeAsync();

        private void Listen<T>(string method) => Connection.On<T>(method, value =>
        {
            _heard.Enqueue((method, value!));
            _arrived.Release();
        });
    }
}
