using CustomerPlatform.Contracts.Identity;
using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Contracts.Ticketing;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing.Tests;

/// <summary>
/// Real PostgreSQL and RabbitMQ; the Ticketing service in-process; and a second host standing for the
/// other services, which publishes OpenTicket and StaffAccountChanged and records what Ticketing publishes.
/// </summary>
public sealed class TicketingFixture() : ServiceFixture<TicketingDbContext, TicketingDbContext>(
    "ticketing-tests",
    [TestServer.Postgres(ResourceNames.Databases.Ticketing), TestServer.RabbitMq()],
    typeof(TicketOpened), typeof(TicketAnswered), typeof(TicketSolved), typeof(TicketRated), typeof(SendEmail), typeof(TicketSlaAlert),
    typeof(TicketMerged), typeof(ReturnRequested), typeof(ReturnApproved), typeof(ReturnRejected), typeof(ReturnReceived), typeof(ReturnRefunded))
{
    protected override void AddSettings(IDictionary<string, string?> settings)
    {
        settings["Ticketing:AppUrl"] = "https://app.customerplatform.test";
        // Long enough for a test to write on a solved ticket before it closes, short enough to see it close.
        settings["Ticketing:ClosedAfter"] = ClosedAfter.ToString();
        settings["Ticketing:InboundEmail:Secret"] = InboundEmailSecret;
        settings["Ticketing:Feedback:Secret"] = FeedbackSecret;
        // Open around the clock, and urgent targets of seconds, so a test sees warnings and breaches happen.
        foreach (var day in Enum.GetNames<DayOfWeek>())
            settings[$"Ticketing:Sla:Hours:{day}"] = "00:00-24:00";
        settings["Ticketing:Sla:Targets:urgent:FirstResponse"] = UrgentFirstResponse.ToString();
        settings["Ticketing:Sla:Targets:urgent:NextResponse"] = UrgentFirstResponse.ToString();
        settings["Ticketing:Sla:Targets:urgent:Resolution"] = (UrgentFirstResponse * 3).ToString();
        settings["Ticketing:InboundEmail:Address"] = "support@customerplatform.test";
        settings["Ticketing:InboundEmail:MaxAttachmentBytes"] = "1024";
        // Routing: each routing test works a queue of its own, which only its own words reach, so no other test's tickets
        // are routed to its agents, nor its tickets to theirs.
        foreach (var (queue, word, skill) in RoutingQueues)
        {
            settings[$"Ticketing:Routing:Queues:{queue}:Name"] = $"Queue {queue}";
            var rule = Array.IndexOf(RoutingQueues, (queue, word, skill));
            settings[$"Ticketing:Routing:Rules:{rule}:Queue"] = queue;
            settings[$"Ticketing:Routing:Rules:{rule}:SubjectWords:0"] = word;
            if (skill is not null)
                settings[$"Ticketing:Routing:Rules:{rule}:Skill"] = skill;
        }
        // Chats go to a queue of their own, which only the chat tests' agents work; nobody taking one makes it a ticket soon.
        settings[$"Ticketing:Routing:Rules:{RoutingQueues.Length}:Channels:0"] = "chat";
        settings[$"Ticketing:Routing:Rules:{RoutingQueues.Length}:Queue"] = ChatQueue;
        settings[$"Ticketing:Routing:Queues:{ChatQueue}:Name"] = "Live chat";
        // The best loyalty tier's customers go to a queue of their own, raised to high; only the tier test's customers are Gold.
        settings[$"Ticketing:Routing:Rules:{RoutingQueues.Length + 1}:Tiers:0"] = GoldTier;
        settings[$"Ticketing:Routing:Rules:{RoutingQueues.Length + 1}:Queue"] = GoldQueue;
        settings[$"Ticketing:Routing:Rules:{RoutingQueues.Length + 1}:Priority"] = "high";
        settings[$"Ticketing:Routing:Queues:{GoldQueue}:Name"] = "Gold customers";
        settings["Ticketing:Chat:TakeWithin"] = ChatTakeWithin.ToString();
        settings["Ticketing:Sla:Queues:slaqueue:normal:FirstResponse"] = SlaQueueFirstResponse.ToString();
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Logging:LogLevel:CustomerPlatform"] = "Information";
    }

    public static readonly TimeSpan ClosedAfter = TimeSpan.FromSeconds(6);

    /// <summary>The routing tests' queues: the word in a subject that routes a ticket there, and the skill it asks for.</summary>
    public static readonly (string Queue, string Word, string? Skill)[] RoutingQueues =
    [
        ("roundrobin", "roundrobin", null),
        ("waiting", "waitcheck", null),
        ("skilled", "skillcheck", "refunds"),
        ("slaqueue", "slacheck", null),
        ("parallel", "parallelcheck", null),
        ("alerts", "alertcheck", null),
    ];

    /// <summary>The normal priority's first-response target of the <c>slaqueue</c> queue (the default's is 8 hours).</summary>
    public static readonly TimeSpan SlaQueueFirstResponse = TimeSpan.FromMinutes(42);

    public const string ChatQueue = "chats";

    /// <summary>The loyalty tier a routing rule sends to <see cref="GoldQueue"/>.</summary>
    public const string GoldTier = "Gold";

    public const string GoldQueue = "gold";

    /// <summary>How long a chat waits for an agent before it becomes a ticket: room for a test to take one, short enough to see one missed.</summary>
    public static readonly TimeSpan ChatTakeWithin = TimeSpan.FromSeconds(8);

    public static readonly TimeSpan UrgentFirstResponse = TimeSpan.FromSeconds(4);

    public const string InboundEmailSecret = "inbound-email-test-secret";
    public const string FeedbackSecret = "feedback-test-secret";

    /// <summary>Posts outside feedback as the listening integration does, signed with the feedback secret (or the given signature).</summary>
    public Task<HttpResponseMessage> SendFeedbackAsync(object feedback, string? signature = null)
    {
        var body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(feedback);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/support/feedback") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(SignedRequest.Header, signature ?? SignedRequest.Sign(body, FeedbackSecret));
        return Service.CreateClient().SendAsync(request);
    }

    /// <summary>Posts a raw message as the email provider does, signed with the channel's secret (or the given signature).</summary>
    public Task<HttpResponseMessage> DeliverEmailAsync(string raw, string? signature = null)
    {
        var body = System.Text.Encoding.UTF8.GetBytes(raw.ReplaceLineEndings("\r\n"));
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/support/inbound-email") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("message/rfc822");
        request.Headers.Add(SignedRequest.Header, signature ?? SignedRequest.Sign(body, InboundEmailSecret));
        return Service.CreateClient().SendAsync(request);
    }

    /// <summary>A customer signed in with the claims Identity's access tokens carry: id, role, name and address.</summary>
    public HttpClient CreateCustomer(Guid customerId, string name = "Ann Example", string email = "ann@example.com")
    {
        var client = CreateClient(customerId, Roles.Customer);
        client.DefaultRequestHeaders.Add(TestAuthHandler.NameHeader, name);
        client.DefaultRequestHeaders.Add(TestAuthHandler.EmailHeader, email);
        return client;
    }

    public static OpenTicket NewTicket(Guid customerId, Guid? assigneeId, string? email = "ann@example.com") => new()
    {
        TicketId = Guid.NewGuid(),
        CustomerId = customerId,
        CustomerEmail = email,
        CustomerName = "Ann Example",
        AssigneeId = assigneeId,
        Kind = TicketKinds.OnboardingQuestion,
        Subject = "How do I invite my team?",
        Body = "I cannot find where to invite my colleagues.",
        RequestedAt = DateTimeOffset.UtcNow,
        CorrelationId = customerId,
    };

    /// <summary>Publishes as Onboarding would, and waits until the ticket is stored.</summary>
    public async Task<OpenTicket> OpenAsync(OpenTicket command)
    {
        await Bus.Publish(command);
        await WaitUntilAsync(async db => await db.Tickets.AnyAsync(t => t.Id == command.TicketId), $"ticket {command.TicketId}");
        return command;
    }

    /// <summary>Publishes as Identity would, and waits until the directory has the change.</summary>
    public async Task<Guid> AddStaffAsync(string displayName, params string[] roles)
    {
        var staffId = Guid.NewGuid();
        var changedAt = DateTimeOffset.UtcNow;
        await Bus.Publish(new StaffAccountChanged
        {
            StaffId = staffId,
            Email = $"{staffId:N}@customerplatform.test",
            DisplayName = displayName,
            Roles = roles,
            Active = true,
            ChangedAt = changedAt,
        });
        await WaitUntilAsync(async db => await db.Staff.AnyAsync(s => s.Id == staffId && s.DisplayName == displayName), $"staff {staffId}");
        return staffId;
    }

    /// <summary>An agent in one queue with a capacity, made available or not; set up by an admin of their own.</summary>
    public async Task<(Guid Id, HttpClient Client)> AgentAsync(string name, string queue, int capacity, bool available, string[]? skills = null)
    {
        var adminId = await AddStaffAsync($"{name}'s admin", Roles.Admin);
        var agentId = await AddStaffAsync(name, Roles.Agent);
        var set = await CreateClient(adminId, Roles.Admin)
            .PutAsJsonAsync($"/api/support/staff/{agentId}/routing", new { queues = new[] { queue }, skills = skills ?? [], capacity });
        Assert.Equal(System.Net.HttpStatusCode.OK, set.StatusCode);
        var client = CreateClient(agentId, Roles.Agent);
        if (available)
            await SetAvailableAsync(client, true);
        return (agentId, client);
    }

    public static async Task SetAvailableAsync(HttpClient agent, bool available) =>
        Assert.Equal(System.Net.HttpStatusCode.OK, (await agent.PutAsJsonAsync("/api/support/staff/me/availability", new { available })).StatusCode);

    public async Task WaitUntilAsync(Func<TicketingDbContext, Task<bool>> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await ReadAsync(done))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Never saw {what}.");
            await Task.Delay(50);
        }
    }
}
