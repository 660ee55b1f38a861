using System.Security.Claims;
using CustomerPlatform.Contracts.Ticketing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CustomerPlatform.Ticketing;

/// <summary>
/// The live chat's commands, shared by its REST routes and its hub. Each runs in one transaction under the ticket's row lock
/// (then, when taking, the agent's, in routing's order) and tells the hub's clients only once committed: what a client sees
/// is stored (ADR-031).
/// </summary>
public sealed class ChatService(
    TicketingDbContext db, IPublishEndpoint publish, MessageSentiments sentiments, SlaTracking sla, TicketRouter router,
    IOptions<ChatOptions> options, IOptions<RoutingOptions> routing, ChatBroadcast broadcast, TimeProvider time)
{
    private const int MaxSubjectText = 60;

    /// <summary>A customer starts a chat with their first message: a new ticket of the chat channel, waiting for its queue's agents.</summary>
    public async Task<ChatOutcome<ChatSummary>> StartAsync(ClaimsPrincipal user, StartChatRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var text = TicketRules.Text(request.Message, "message", ChatOptions.MaxMessageLength, errors);
        TicketRules.OrderId(request.OrderId, errors);
        if (errors.Count > 0)
            return ChatRefusal.Invalid(errors);

        var me = user.GetCustomerId();
        var now = time.GetUtcNow();
        var sentiment = sentiments.Of(text!);
        (ChatSession Chat, Ticket Ticket, string First) started;
        try
        {
            started = await db.InTransactionAsync(async () =>
            {
                var ticket = new Ticket
                {
                    Id = Guid.CreateVersion7(now),
                    CustomerId = me,
                    CustomerEmail = user.GetEmail(),
                    CustomerName = user.GetDisplayName(),
                    Kind = TicketKinds.Request,
                    Subject = "Chat: " + ChatTexts.FirstLine(text!, MaxSubjectText),
                    Status = TicketStatuses.New,
                    Channel = TicketChannels.Chat,
                    OrderId = request.OrderId,
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                var first = ticket.Post(me, ticket.CustomerName, text!, now, sla.For(ticket), sentiment, origin: new MessageOrigin(TicketChannels.Chat));
                db.Messages.Add(first);
                // The rules pick the queue (and its SLA policy); the ticket waits in no queue while its chat is offered.
                router.Route(ticket, await router.TierOfAsync(me, cancellationToken));
                var chat = new ChatSession
                {
                    TicketId = ticket.Id,
                    CustomerId = me,
                    Queue = ticket.Queue!,
                    StartedAt = now,
                    TakeBy = now + options.Value.TakeWithin,
                };
                ticket.Queue = null;
                db.Tickets.Add(ticket);
                db.Chats.Add(chat);
                await sla.StartAsync(ticket, publish, cancellationToken);
                await publish.Publish(SupportDeskApi.Announcement(ticket, now), cancellationToken);
                await publish.Publish(new ChatWaiting(chat.TicketId, chat.TakeBy), cancellationToken);
                return (chat, ticket, first.Body);
            }, cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: OneOpenChat })
        {
            var open = await db.Chats.AsNoTracking()
                .Where(c => c.CustomerId == me && (c.Status == ChatStatuses.Waiting || c.Status == ChatStatuses.Live))
                .Select(c => (Guid?)c.TicketId).FirstOrDefaultAsync(cancellationToken);
            return ChatRefusal.Conflict("You already have a chat open", "Finish the chat you have open before starting another.", open);
        }
        // The ticket's number is the database's, known once saved.
        var summary = Summary(started.Chat, started.Ticket, null, started.First);
        await broadcast.ChangedAsync(summary, waitingChanged: true);
        return summary;
    }

    /// <summary>The unique index that keeps a customer to one waiting or live chat.</summary>
    public const string OneOpenChat = "ux_chats_one_open_per_customer";

    /// <summary>A chat and its transcript, if the caller may see it.</summary>
    public async Task<ChatOutcome<ChatView>> GetAsync(ClaimsPrincipal user, Guid chatId, CancellationToken cancellationToken)
    {
        var chat = await db.Chats.AsNoTracking().SingleOrDefaultAsync(c => c.TicketId == chatId, cancellationToken);
        if (chat is null || !MaySee(user, chat))
            return ChatRefusal.NotFound;
        var messages = await db.Messages.AsNoTracking()
            .Where(m => m.TicketId == chatId && !m.Internal)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .ToListAsync(cancellationToken);
        return new ChatView(await SummaryAsync(chat, messages.LastOrDefault()?.Body, cancellationToken), [.. messages.Select(ChatMessage.Of)]);
    }

    /// <summary>
    /// The chats the caller works with: a customer's own, newest first; staff's waiting chats, and the live ones they have
    /// (an admin: every live one), oldest first.
    /// </summary>
    public async Task<IReadOnlyList<ChatSummary>> ListAsync(ClaimsPrincipal user, string? status, CancellationToken cancellationToken)
    {
        var me = user.GetCustomerId();
        var chats = db.Chats.AsNoTracking();
        if (status is not null)
            chats = chats.Where(c => c.Status == status);
        if (!user.IsStaff())
            chats = chats.Where(c => c.CustomerId == me).OrderByDescending(c => c.StartedAt).Take(20);
        else if (user.IsInRole(Roles.Admin))
            chats = chats.Where(c => c.Status == ChatStatuses.Waiting || c.Status == ChatStatuses.Live || (status != null && c.Status == status))
                .OrderBy(c => c.StartedAt).Take(500);
        else
            chats = chats.Where(c => c.Status == ChatStatuses.Waiting || (c.AgentId == me && (c.Status == ChatStatuses.Live || status != null)))
                .OrderBy(c => c.StartedAt).Take(500);

        var rows = await chats
            .Join(db.Tickets, c => c.TicketId, t => t.Id, (c, t) => new
            {
                Chat = c,
                t.Number,
                t.CustomerName,
                Last = db.Messages.Where(m => m.TicketId == c.TicketId && !m.Internal).OrderByDescending(m => m.CreatedAt).Select(m => m.Body).FirstOrDefault(),
                AgentName = db.Staff.Where(s => s.Id == c.AgentId).Select(s => s.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        // The join loses the order: keep the one asked for.
        var ordered = user.IsStaff() ? rows.OrderBy(r => r.Chat.StartedAt) : rows.OrderByDescending(r => r.Chat.StartedAt);
        return [.. ordered.Select(r => Summary(r.Chat, r.Number, r.CustomerName, r.AgentName, r.Last))];
    }

    /// <summary>
    /// Adds the caller's message: the customer while the chat waits or is live, its agent while it is live. It is a message of
    /// the ticket's thread (the customer's scored for sentiment, the agent's answering in the SLA's eyes); no email goes out,
    /// since both sides are here.
    /// </summary>
    public async Task<ChatOutcome<ChatMessage>> SendAsync(ClaimsPrincipal user, Guid chatId, string? body, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var text = TicketRules.Text(body, "body", ChatOptions.MaxMessageLength, errors);
        if (errors.Count > 0)
            return ChatRefusal.Invalid(errors);

        var me = user.GetCustomerId();
        var outcome = await db.InTransactionAsync(async () =>
        {
            var (ticket, chat) = await LockAsync(chatId, cancellationToken);
            if (chat is null || !MaySee(user, chat))
                return (ChatOutcome<ChatMessage>)ChatRefusal.NotFound;
            var fromCustomer = chat.CustomerId == me;
            if (chat.IsOver || ticket!.IsClosed)
                return ChatRefusal.Conflict("This chat is over", $"The chat ended; write on ticket #{ticket!.Number} instead.");
            if (!fromCustomer && (chat.Status != ChatStatuses.Live || chat.AgentId != me))
                return ChatRefusal.Conflict("This chat is not yours to answer", "Take the chat first; only the agent who took it answers it.");

            var now = time.GetUtcNow();
            var name = fromCustomer ? ticket.CustomerName ?? user.GetDisplayName() : await StaffNameAsync(me, cancellationToken) ?? user.GetDisplayName();
            var message = ticket.Post(me, name, text!, now, sla.For(ticket), fromCustomer ? sentiments.Of(text!) : null,
                origin: new MessageOrigin(TicketChannels.Chat));
            db.Messages.Add(message);
            await sla.FlushAsync(ticket, publish, cancellationToken);
            return ChatMessage.Of(message);
        }, cancellationToken);
        if (outcome.Value is { } sent)
            await broadcast.MessageAsync(sent);
        return outcome;
    }

    /// <summary>
    /// An available agent (or admin) with room under their capacity takes a waiting chat: they own its ticket from now on.
    /// Two agents taking the same chat at once: the first wins, the second is told (409).
    /// </summary>
    public async Task<ChatOutcome<ChatSummary>> TakeAsync(ClaimsPrincipal user, Guid chatId, CancellationToken cancellationToken)
    {
        var me = user.GetCustomerId();
        var outcome = await db.InTransactionAsync(async () =>
        {
            var (ticket, chat) = await LockAsync(chatId, cancellationToken);
            // Staff who lost the race to a colleague hear so, though the chat is no longer theirs to see.
            if (chat is null || !user.IsStaff())
                return (ChatOutcome<ChatSummary>)ChatRefusal.NotFound;
            if (chat.Status != ChatStatuses.Waiting)
            {
                return chat.AgentId == me && chat.Status == ChatStatuses.Live
                    ? Summary(chat, ticket!, await StaffNameAsync(me, cancellationToken), null)
                    : ChatRefusal.Conflict("This chat is no longer waiting", chat.Status == ChatStatuses.Live
                        ? "Another agent took it a moment ago." : $"It is {chat.Status}; it waits as ticket #{ticket!.Number} now.");
            }

            var agent = await TicketRouter.LockAgentAsync(db, me, cancellationToken);
            if (agent is not { Active: true })
                return ChatRefusal.Conflict("You are not in the support directory", "Only active support staff take chats.");
            if (!agent.Available)
                return ChatRefusal.Conflict("You are not taking new work", "Say you are available (Start taking new tickets) before taking a chat.");
            var held = (await TicketRouter.UnsolvedCountsAsync(db, [me], cancellationToken)).GetValueOrDefault(me);
            var capacity = routing.Value.CapacityOf(agent.Capacity);
            if (held >= capacity)
                return ChatRefusal.Conflict("You are at capacity", $"You hold {held} unsolved tickets and chats, your capacity is {capacity}: solve one first.");

            var now = time.GetUtcNow();
            ticket!.AssignTo(me, now, sla.For(ticket));
            agent.LastRoutedAt = now;
            (chat.Status, chat.AgentId, chat.TakenAt) = (ChatStatuses.Live, me, now);
            await sla.FlushAsync(ticket, publish, cancellationToken);
            return Summary(chat, ticket, agent.DisplayName, null);
        }, cancellationToken);
        if (outcome.Value is { Status: ChatStatuses.Live, TakenAt: { } } taken && taken.AgentId == me)
            await broadcast.ChangedAsync(taken, waitingChanged: true);
        return outcome;
    }

    /// <summary>
    /// Either side ends the chat; ending it again changes nothing. A chat the customer leaves before anyone took it waits in
    /// its queue as an ordinary ticket, as one nobody took in time does.
    /// </summary>
    public async Task<ChatOutcome<ChatSummary>> EndAsync(ClaimsPrincipal user, Guid chatId, CancellationToken cancellationToken)
    {
        var me = user.GetCustomerId();
        var changed = false;
        var wasWaiting = false;
        var outcome = await db.InTransactionAsync(async () =>
        {
            var (ticket, chat) = await LockAsync(chatId, cancellationToken);
            if (chat is null || !MaySee(user, chat))
                return (ChatOutcome<ChatSummary>)ChatRefusal.NotFound;
            if (chat.CustomerId != me && chat.AgentId != me && !user.IsInRole(Roles.Admin))
                return ChatRefusal.Conflict("This chat is not yours", "Only its customer and the agent who took it end a chat.");
            if (!chat.IsOver)
            {
                wasWaiting = chat.Status == ChatStatuses.Waiting;
                (chat.Status, chat.EndedAt, changed) = (ChatStatuses.Ended, time.GetUtcNow(), true);
                if (wasWaiting)
                    await QueueAsync(ticket!, chat, cancellationToken);
            }
            var agentName = chat.AgentId is { } agent ? await StaffNameAsync(agent, cancellationToken) : null;
            return Summary(chat, ticket!, agentName, null);
        }, cancellationToken);
        if (changed && outcome.Value is { } ended)
            await broadcast.ChangedAsync(ended, waitingChanged: wasWaiting);
        return outcome;
    }

    /// <summary>The caller has read the chat up to a message of it: their side's mark moves forward, never back.</summary>
    public async Task<ChatOutcome<ChatRead>> ReadAsync(ClaimsPrincipal user, Guid chatId, Guid? upTo, CancellationToken cancellationToken)
    {
        if (upTo is not { } messageId || messageId == Guid.Empty)
            return ChatRefusal.Invalid(new Dictionary<string, string[]> { ["upTo"] = ["'upTo' is required: the id of the last message read."] });
        var chat = await db.Chats.AsNoTracking().SingleOrDefaultAsync(c => c.TicketId == chatId, cancellationToken);
        var me = user.GetCustomerId();
        if (chat is null || !MaySee(user, chat))
            return ChatRefusal.NotFound;
        var customer = chat.CustomerId == me;
        if (!customer && chat.AgentId != me)
            return ChatRefusal.Conflict("This chat is not yours", "Only its customer and the agent who took it mark it read.");
        var at = await db.Messages.AsNoTracking().Where(m => m.Id == messageId && m.TicketId == chatId && !m.Internal)
            .Select(m => (DateTimeOffset?)m.CreatedAt).SingleOrDefaultAsync(cancellationToken);
        if (at is null)
            return ChatRefusal.Invalid(new Dictionary<string, string[]> { ["upTo"] = [$"'{messageId}' is not a message of this chat."] });

        var moved = customer
            ? await db.Chats.Where(c => c.TicketId == chatId && (c.CustomerReadAt == null || c.CustomerReadAt < at))
                .ExecuteUpdateAsync(c => c.SetProperty(x => x.CustomerReadUpTo, messageId).SetProperty(x => x.CustomerReadAt, at), cancellationToken)
            : await db.Chats.Where(c => c.TicketId == chatId && (c.AgentReadAt == null || c.AgentReadAt < at))
                .ExecuteUpdateAsync(c => c.SetProperty(x => x.AgentReadUpTo, messageId).SetProperty(x => x.AgentReadAt, at), cancellationToken);
        var read = new ChatRead(chatId, customer ? AuthorRoles.Customer : AuthorRoles.Staff, messageId);
        if (moved > 0)
            await broadcast.ReadAsync(read);
        return read;
    }

    /// <summary>
    /// A chat still waiting when its time is up: it waits in its queue as an ordinary ticket (routing may give it to an agent
    /// with room at once), and the customer is told by email and, once committed, live (<see cref="ChatMissed"/>). Run by the
    /// scheduled <see cref="ChatTakeDue"/>, in its consumer's transaction; the queue, or null when the chat was taken or ended
    /// meanwhile.
    /// </summary>
    public async Task<string?> MissAsync(Guid chatId, IPublishEndpoint endpoint, TicketEmails emails, CancellationToken cancellationToken)
    {
        var (ticket, chat) = await LockAsync(chatId, cancellationToken);
        if (chat is not { Status: ChatStatuses.Waiting } || ticket is null)
            return null;
        (chat.Status, chat.EndedAt) = (ChatStatuses.Missed, time.GetUtcNow());
        await QueueAsync(ticket, chat, cancellationToken);
        await sla.FlushAsync(ticket, endpoint, cancellationToken);
        if (ticket.CustomerEmail is not null)
            await endpoint.Publish(emails.ChatMissed(ticket), cancellationToken);
        await endpoint.Publish(new ChatMissed(chatId), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return chat.Queue;
    }

    /// <summary>A chat as anyone may be told of it, whoever asks; null when there is none.</summary>
    public async Task<ChatSummary?> SummaryAsync(Guid chatId, CancellationToken cancellationToken)
    {
        var chat = await db.Chats.AsNoTracking().SingleOrDefaultAsync(c => c.TicketId == chatId, cancellationToken);
        return chat is null ? null : await SummaryAsync(chat, null, cancellationToken);
    }

    private async Task<ChatSummary> SummaryAsync(ChatSession chat, string? lastMessage, CancellationToken cancellationToken)
    {
        var ticket = await db.Tickets.AsNoTracking().SingleAsync(t => t.Id == chat.TicketId, cancellationToken);
        var agentName = chat.AgentId is { } agent ? await StaffNameAsync(agent, cancellationToken) : null;
        return Summary(chat, ticket, agentName, lastMessage);
    }

    /// <summary>The chat's ticket joins its queue like any new ticket, and goes to an agent with room if one may take it.</summary>
    private async Task QueueAsync(Ticket ticket, ChatSession chat, CancellationToken cancellationToken)
    {
        if (ticket.IsClosed || ticket.AssigneeId is not null)
            return;
        ticket.Queue = chat.Queue;
        await router.AssignAsync(ticket, cancellationToken);
    }

    /// <summary>Whether the caller may see the chat: its customer; staff while it waits or when they took it; admins always.</summary>
    public static bool MaySee(ClaimsPrincipal user, ChatSession chat)
    {
        var me = user.GetCustomerId();
        return chat.CustomerId == me || user.IsInRole(Roles.Admin)
            || (user.IsStaff() && (chat.Status == ChatStatuses.Waiting || chat.AgentId == me));
    }

    private async Task<(Ticket? Ticket, ChatSession? Chat)> LockAsync(Guid chatId, CancellationToken cancellationToken)
    {
        var ticket = await TicketTransaction.LockAsync(db, chatId, cancellationToken);
        var chat = ticket is null ? null : await db.Chats.SingleOrDefaultAsync(c => c.TicketId == chatId, cancellationToken);
        return (ticket, chat);
    }

    private Task<string?> StaffNameAsync(Guid staffId, CancellationToken cancellationToken) =>
        db.Staff.AsNoTracking().Where(s => s.Id == staffId).Select(s => s.DisplayName).SingleOrDefaultAsync(cancellationToken);

    private static ChatSummary Summary(ChatSession chat, Ticket ticket, string? agentName, string? lastMessage) =>
        Summary(chat, ticket.Number, ticket.CustomerName, agentName, lastMessage);

    private static ChatSummary Summary(ChatSession chat, long number, string? customerName, string? agentName, string? lastMessage) => new(
        chat.TicketId, chat.TicketId, number, chat.Status, chat.CustomerId, customerName, chat.Queue, chat.AgentId, agentName,
        chat.StartedAt, chat.TakeBy, chat.TakenAt, chat.EndedAt, chat.CustomerReadUpTo, chat.AgentReadUpTo,
        lastMessage is null ? null : ChatTexts.FirstLine(lastMessage, 140));
}

internal static class ChatTexts
{
    /// <summary>The text's first line, cut to <paramref name="max"/> characters with an ellipsis.</summary>
    public static string FirstLine(string text, int max)
    {
        var line = text.Trim().Split('\n', 2)[0].Trim();
        return line.Length <= max ? line : line[..(max - 1)] + "…";
    }
}
