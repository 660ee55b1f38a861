using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using CustomerPlatform.Ticketing.KnowledgeBase;
using CustomerPlatform.Ticketing.Returns;
using CustomerPlatform.Ticketing.Macros;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Ticketing;

/// <summary>
/// Support tickets: a customer sees their own; staff see what <see cref="TicketAccess"/> allows. A
/// ticket the caller may not see is answered 404, exactly as one that does not exist.
/// </summary>
public static class TicketingApi
{
    public static IEndpointRouteBuilder MapTicketingApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/support")
            .WithTags("Ticketing")
            .MapStatus(ResourceNames.Services.Ticketing);

        var tickets = api.MapGroup("tickets").RequireAuthorization();
        tickets.MapGet("", ListAsync)
            .WithName("ListTickets")
            .WithSummary("The caller's tickets (staff: assigned to them or waiting in a queue), newest first (status, priority, channel, assignee=me|none, queue, sla=breaching, page, pageSize)");
        tickets.MapPost("", SupportDeskApi.OpenAsync)
            .WithName("OpenTicket")
            .WithSummary("The caller's request to the support desk: {subject, body, orderId?, channel?} → 201 {ticketId}");
        tickets.MapPatch("{ticketId:guid}", SupportDeskApi.UpdateAsync)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Staff.ToArray()))
            .WithName("UpdateTicket")
            .WithSummary("Staff: changes the status (open, pending, on-hold, solved), priority or tags; a closed ticket is read-only (409)");
        tickets.MapPost("{ticketId:guid}/satisfaction", SupportDeskApi.RateAsync)
            .WithName("RateTicket")
            .WithSummary("The requester rates a solved ticket once: {score: 1..5, comment?} → 202");
        tickets.MapGet("{ticketId:guid}", GetAsync)
            .WithName("GetTicket")
            .WithSummary("One ticket with its messages");
        tickets.MapGet("{ticketId:guid}/context", TicketContextApi.GetAsync)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Staff.ToArray()))
            .WithName("GetTicketContext")
            .WithSummary("Staff who may read the ticket: its requester, their CSM, latest orders, loyalty tier (null: not kept yet), other tickets, recent sentiment and CSAT");
        tickets.MapPost("{ticketId:guid}/messages", TicketMessagesApi.PostAsync)
            .WithName("PostTicketMessage")
            .WithSummary("Adds a message; a staff reply answers the customer and waits on them, the customer's (re)opens the ticket");
        tickets.MapGet("{ticketId:guid}/attachments/{attachmentId:guid}", AttachmentsApi.DownloadAsync)
            .WithName("DownloadTicketAttachment")
            .WithSummary("A file that came with a message of the ticket, as a download");
        tickets.MapPost("{ticketId:guid}/resolve", SupportDeskApi.SolveAsync)
            .WithName("ResolveTicket")
            .WithSummary("Marks the ticket solved (staff on it, or its requester); a later message from the customer re-opens it until it is closed");
        api.MapGet("staff", StaffDirectoryApi.ListAsync)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Staff.ToArray()))
            .WithName("ListSupportStaff")
            .WithSummary("Staff: the active staff members a ticket can be assigned to");
        tickets.MapPost("{ticketId:guid}/assign", TicketActionsApi.AssignAsync)
            .WithName("AssignTicket")
            .WithSummary("Hands the ticket to a staff member, taking it out of its queue (agents and admins)");

        tickets.MapPost("{ticketId:guid}/merge", TicketMergeApi.MergeAsync)
            .WithName("MergeTicket")
            .WithSummary("Agents: merges the ticket into another of the same customer {intoTicketId}; its thread moves there and it closes");
        api.MapReturnsApi();
        api.MapMacrosApi();
        api.MapRoutingApi();

        // The email channel: our email provider's deliveries, signed with the channel's secret instead of a token.
        api.MapPost("inbound-email", InboundEmailApi.ReceiveAsync)
            .AllowAnonymous()
            .WithName("ReceiveInboundEmail")
            .WithSummary("The email provider's delivery of one message (raw RFC 822, X-Signature-256: sha256=HMAC of the body): opens a ticket or joins its thread");

        // Outside feedback: the listening integrations' posts, signed with their own secret.
        api.MapPost("feedback", FeedbackApi.IngestAsync)
            .AllowAnonymous()
            .WithName("IngestFeedback")
            .WithSummary("A review, social mention or survey comment {externalId, source, author?, authorEmail?, text, link?, rating?, postedAt?} (X-Signature-256) → 202 with its sentiment; a negative one opens a ticket");
        // The phone channel: staff log the calls they take or make.
        api.MapPost("calls", PhoneCallsApi.LogAsync)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Staff.ToArray()))
            .WithName("LogPhoneCall")
            .WithSummary("Staff: logs a call {ticketId?, customerId?, callerName?, callerEmail?, callerPhone?, direction?, durationSeconds, summary, subject?} onto a ticket or as a new one → 201");

        // The help centre: open to everyone (internal articles to staff only).
        api.MapGet("articles", ArticlesApi.SearchAsync)
            .WithName("SearchArticles")
            .WithSummary("Published articles matching q, best first (or all, by title), optionally of one category: [{articleId, slug, title, excerpt, visibility}] (internal ones for staff only)");
        api.MapGet("articles/{slug}", ArticlesApi.GetAsync)
            .WithName("GetArticle")
            .WithSummary("One published article, rendered and sanitised");
        api.MapPost("articles/{slug}/feedback", ArticlesApi.FeedbackAsync)
            .WithName("RateArticle")
            .WithSummary("Was this helpful? {helpful: true|false} → 202");
        api.MapGet("categories", ArticlesApi.CategoriesAsync)
            .WithName("ListArticleCategories")
            .WithSummary("The help centre's categories with their article counts");
        api.MapPost("kb-sessions", ArticlesApi.SessionAsync)
            .WithName("StartHelpCentreSession")
            .WithSummary("A visitor's help-centre session {sessionId}, counted once → 202");
        api.MapPost("deflections", ArticlesApi.DeflectAsync)
            .RequireAuthorization()
            .WithName("RecordDeflection")
            .WithSummary("The article {articleId, query?} answered the customer's question: no ticket → 202");

        var authoring = api.MapGroup("kb").RequireAuthorization(policy => policy.RequireRole(Roles.Staff.ToArray()));
        authoring.MapGet("articles", KnowledgeBaseApi.ListAsync)
            .WithName("ListKnowledgeBaseArticles")
            .WithSummary("Staff: every article, drafts too");
        authoring.MapGet("articles/{articleId:guid}", KnowledgeBaseApi.GetAsync)
            .WithName("GetKnowledgeBaseArticle")
            .WithSummary("Staff: an article's newest text and its versions");
        authoring.MapPost("articles", KnowledgeBaseApi.CreateAsync)
            .RequireAuthorization(policy => policy.RequireRole(KnowledgeBaseApi.Authors))
            .WithName("CreateKnowledgeBaseArticle")
            .WithSummary("Agents and admins: a new article {slug, title, body (Markdown), categoryId?, visibility?}, a draft");
        authoring.MapPut("articles/{articleId:guid}/draft", KnowledgeBaseApi.SaveDraftAsync)
            .RequireAuthorization(policy => policy.RequireRole(KnowledgeBaseApi.Authors))
            .WithName("SaveKnowledgeBaseDraft")
            .WithSummary("Agents and admins: a new version of the article; readers still see the published one");
        authoring.MapPost("articles/{articleId:guid}/publish", KnowledgeBaseApi.PublishAsync)
            .RequireAuthorization(policy => policy.RequireRole(KnowledgeBaseApi.Authors))
            .WithName("PublishKnowledgeBaseArticle")
            .WithSummary("Agents and admins: the newest version becomes what readers see");
        authoring.MapPost("categories", KnowledgeBaseApi.CreateCategoryAsync)
            .RequireAuthorization(policy => policy.RequireRole(KnowledgeBaseApi.Authors))
            .WithName("CreateKnowledgeBaseCategory")
            .WithSummary("Agents and admins: a new category {slug, name, position?}");

        var reports = api.MapGroup("reports").RequireAuthorization(policy => policy.RequireRole(Roles.Staff.ToArray()));
        reports.MapGet("sentiment", SupportReportsApi.SentimentAsync)
            .WithName("SentimentReport")
            .WithSummary("Staff: customers' sentiment over a period by channel, queue, agent and day, and the most negative conversations");
        reports.MapGet("satisfaction", SupportReportsApi.SatisfactionAsync)
            .WithName("SatisfactionReport")
            .WithSummary("Staff: CSAT over a period (from, to): ratings, average and share satisfied, per agent and channel");
        reports.MapGet("self-service", SupportReportsApi.SelfServiceAsync)
            .WithName("SelfServiceReport")
            .WithSummary("Staff: help-centre sessions ÷ customers who opened a ticket, and deflections, over a period (from, to)");
        reports.MapGet("times", SupportWorkReportsApi.TimesAsync)
            .WithName("SupportTimesReport")
            .WithSummary("Staff: first-response and resolution times in business hours of the tickets created in a period (from, to), by priority, channel and day");
        reports.MapGet("sla", SupportWorkReportsApi.SlaAsync)
            .WithName("SlaAttainmentReport")
            .WithSummary("Staff: SLA targets met and breached per metric, overall and per priority, for the tickets created in a period (from, to)");
        reports.MapGet("backlog", SupportWorkReportsApi.BacklogAsync)
            .WithName("BacklogReport")
            .WithSummary("Staff: the open tickets at the end of each day of a period (from, to), created and solved that day, and the backlog now by status and priority");

        api.MapChatApi();
        app.MapHub<ChatHub>("api/support/chats/hub", hub => hub.CloseOnAuthenticationExpiration = true).RequireAuthorization();

        return app;
    }

    public static async Task<Results<Ok<TicketPage>, ValidationProblem>> ListAsync(
        ClaimsPrincipal user, TicketingDbContext db, SlaTracking slaTracking, IOptions<RoutingOptions> routing, TimeProvider time, string? status,
        string? priority, string? channel, string? assignee, string? queue, string? sla, string? page, string? pageSize, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var query = TicketListQuery.Parse(status, priority, channel, assignee, queue, sla, page, pageSize, routing.Value, errors);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        // One query per reason the caller sees tickets (TicketAccess.VisibleBranches), each filtered alike.
        var soon = time.GetUtcNow() + slaTracking.SoonWithin;
        IReadOnlyList<string> queues = query.Queue is { } only ? [only] : [.. routing.Value.AllQueues().Select(q => q.Key)];
        var branches = db.Tickets.AsNoTracking().VisibleBranches(user, query.Assignee == TicketListQuery.AssignedToMe, queues)
            .Select(branch => query.Apply(branch, user, soon))
            .ToList();
        // One more than the cap tells "10,000+" without counting the rest of a long queue.
        var counted = await branches.Aggregate((a, b) => a.Concat(b)).Take(TicketPage.TotalCap + 1).CountAsync(cancellationToken);
        // The page comes from each branch's first skip + pageSize tickets in the list's order: PostgreSQL reads those off the
        // branch's index, while a LIMIT only outside the UNION ALL would make it read every branch whole and sort it.
        var paging = query.Paging;
        var candidates = branches.Count == 1
            ? branches[0]
            : branches.Select(branch => query.InOrder(branch).Take(paging.Skip + paging.PageSize)).Aggregate((a, b) => a.Concat(b));
        var items = await query.InOrder(candidates)
            .Skip(paging.Skip).Take(paging.PageSize)
            .Select(TicketSummary.Projection)
            .ToListAsync(cancellationToken);
        // SLA targets are the team's business: a customer's own list does not show them.
        var staff = user.IsStaff();
        return TypedResults.Ok(new TicketPage(
            items.Select(t => staff ? t : t with { SlaDueAt = null, SlaBreached = false }).ToList(),
            paging.Page, paging.PageSize, Math.Min(counted, TicketPage.TotalCap), counted > TicketPage.TotalCap));
    }

    public static async Task<Results<Ok<TicketDetails>, NotFound>> GetAsync(
        Guid ticketId, ClaimsPrincipal user, TicketingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var ticket = await db.Tickets.AsNoTracking().VisibleTo(user)
            .Include(t => t.Messages)
            .SingleOrDefaultAsync(t => t.Id == ticketId, cancellationToken);
        if (ticket is null)
            return TypedResults.NotFound();

        // The requester never sees staff's notes nor the sentiment of their own words; staff see both.
        var forStaff = !ticket.IsRequester(user.GetCustomerId()) && user.IsStaff();
        var shown = ticket.Messages.Where(m => forStaff || !m.Internal).ToList();
        var authors = shown.Where(m => m.AuthorRole == AuthorRoles.Staff).Select(m => m.AuthorId).Distinct().ToList();
        var names = await db.Staff.AsNoTracking()
            .Where(s => authors.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.DisplayName, cancellationToken);
        var shownIds = shown.Select(m => m.Id).ToList();
        var files = (await db.Attachments.AsNoTracking()
                .Where(a => a.TicketId == ticketId && shownIds.Contains(a.MessageId))
                .OrderBy(a => a.MessageId).ThenBy(a => a.Position)
                .Select(a => new { a.MessageId, View = new AttachmentView(a.Id, a.FileName, a.ContentType, a.Size, a.Kept) })
                .ToListAsync(cancellationToken))
            .ToLookup(a => a.MessageId, a => a.View);
        var messages = shown
            .OrderBy(m => m.CreatedAt)
            .Select(m => View(ticket, m, names, forStaff, [.. files[m.Id]]))
            .ToList();
        var rating = await db.SatisfactionRatings.AsNoTracking()
            .Where(r => r.TicketId == ticketId)
            .Select(r => new SatisfactionView(r.Score, r.Comment, r.RatedAt))
            .SingleOrDefaultAsync(cancellationToken);
        var now = time.GetUtcNow();
        IReadOnlyList<SlaView>? slaView = forStaff && ticket.Sla is { } clock
            ? [.. clock.Metrics.Select(m => new SlaView(m.Name, m.Target, m.Status(now), m.DueAt, m.FulfilledAt))]
            : null;
        return TypedResults.Ok(new TicketDetails(ticket.Id, ticket.Number, ticket.CustomerId, ticket.CustomerName, ticket.AssigneeId, ticket.Queue,
            ticket.Kind, ticket.Subject, ticket.Status, ticket.Priority, ticket.Channel, ticket.Tags, ticket.OrderId, ticket.FollowUpOf,
            ticket.CreatedAt, ticket.UpdatedAt, ticket.SolvedAt, ticket.ClosedAt, ticket.SatisfactionAskedAt is not null, rating, messages, slaView, ticket.MergedInto,
            forStaff ? ticket.HomeQueue : null, forStaff ? ticket.Sla?.Policy : null));
    }

    /// <summary>A staff member's current name from the directory; otherwise the name the message was written under.</summary>
    public static TicketMessageView View(Ticket ticket, TicketMessage message, IReadOnlyDictionary<Guid, string> staffNames, bool forStaff,
        IReadOnlyList<AttachmentView>? attachments = null)
    {
        var name = message.AuthorRole == AuthorRoles.Staff
            ? staffNames.GetValueOrDefault(message.AuthorId) ?? message.AuthorName ?? "Support team"
            : ticket.CustomerName ?? message.AuthorName ?? "Customer";
        return new TicketMessageView(message.Id, ticket.Id, message.AuthorId, name, message.AuthorRole, message.Body, message.Internal,
            forStaff ? message.SentimentLabel : null, message.CreatedAt, message.Channel, attachments ?? []);
    }
}
