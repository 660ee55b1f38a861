using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Contracts.Ticketing;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Ticketing;

/// <summary>
/// The email channel: our email provider posts each message sent to the support address here, raw
/// (RFC 822), signed (<see cref="SignedRequest"/>). A message that answers one of a ticket's emails
/// (In-Reply-To or References name it) or carries its reference in the subject ("[#1042]") joins that
/// ticket when it comes from the ticket's requester; any other opens a ticket for the sender. Providers
/// retry until they get a 2xx, so one Message-ID is taken once: the same message again changes nothing
/// and gets the same answer.
/// </summary>
public static class InboundEmailApi
{
    public const string Opened = "opened", Threaded = "threaded", FollowUp = "follow-up", Duplicate = "duplicate", Ignored = "ignored";

    /// <summary>What became of the message: <see cref="Outcome"/> is one of opened, threaded, follow-up, duplicate or ignored.</summary>
    public sealed record Received(string Outcome, Guid? TicketId, long? Number, Guid? MessageId, string? Reason = null);

    private const string MessageLockSql = "SELECT pg_advisory_xact_lock(hashtextextended({0}, 0))";

    public static async Task<Results<Created<Received>, Ok<Received>, NotFound, ValidationProblem, ProblemHttpResult>> ReceiveAsync(
        HttpRequest request, TicketingDbContext db, IPublishEndpoint publish, MessageSentiments sentiments, IOptions<InboundEmailOptions> options,
        SlaTracking sla, TicketRouter router, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.Secret))
            return TypedResults.NotFound();
        var (raw, problem) = await SignedRequest.ReadAsync(request, settings.Secret, settings.MaxMessageBytes, "message", "the channel's secret", cancellationToken);
        if (raw is null)
            return problem!;

        var (email, field, error) = await InboundEmail.ParseAsync(raw, settings, cancellationToken);
        if (email is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field!] = [error!] });

        var logger = loggers.CreateLogger(typeof(InboundEmailApi));
        if (email.AutomaticReason is { } reason)
        {
            logger.LogInformation("Inbound email {MessageId} from {From} was sent automatically ({Reason}); it is not a ticket", email.MessageId, email.From, reason);
            return TypedResults.Ok(new Received(Ignored, null, null, null, $"Sent automatically ({reason})."));
        }

        var received = await db.InTransactionAsync(async () =>
        {
            // Two deliveries of one message at once: the second waits for the first to commit, then finds it.
            await db.Database.ExecuteSqlRawAsync(MessageLockSql, [email.MessageId], cancellationToken);
            var earlier = await db.Messages.AsNoTracking().Where(m => m.EmailMessageId == email.MessageId)
                .Select(m => new { m.Id, m.TicketId }).SingleOrDefaultAsync(cancellationToken);
            if (earlier is not null)
            {
                var number = await db.Tickets.Where(t => t.Id == earlier.TicketId).Select(t => t.Number).SingleAsync(cancellationToken);
                return new Received(Duplicate, earlier.TicketId, number, earlier.Id);
            }

            var now = time.GetUtcNow();
            var origin = new MessageOrigin(TicketChannels.Email,
                NotificationIds.NameBased(ResourceNames.Services.Ticketing, "inbound-email-message/" + email.MessageId), email.MessageId);
            var (senderId, sender) = await db.CustomerContacts.RequesterAsync(email.From, cancellationToken: cancellationToken);

            var outcome = Threaded;
            var ticket = await ThreadOfAsync(db, email, senderId, cancellationToken);
            if (ticket is { IsClosed: true })
            {
                ticket = await TicketMessagesApi.FollowUpAsync(db, ticket, publish, sla, router, now, cancellationToken);
                outcome = FollowUp;
            }
            if (ticket is null)
            {
                ticket = new Ticket
                {
                    Id = NotificationIds.NameBased(ResourceNames.Services.Ticketing, "inbound-email/" + email.MessageId),
                    CustomerId = senderId,
                    CustomerEmail = email.From,
                    CustomerName = sender?.DisplayName ?? email.FromName,
                    Kind = TicketKinds.Request,
                    Subject = email.SubjectWithoutReference,
                    Status = TicketStatuses.New,
                    Channel = TicketChannels.Email,
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                db.Tickets.Add(ticket);
                outcome = Opened;
            }

            var text = email.Text.Length > 0 ? email.Text : email.Attachments.Count > 0 ? "(attachments only)" : "(empty message)";
            var sentiment = sentiments.Of(outcome == Opened ? email.Subject + ". " + text : text);
            // As on the contact form: the first message first (a negative one raises the priority), then the clock starts at that priority.
            var message = ticket.Post(ticket.CustomerId, ticket.CustomerName ?? email.FromName, text, now, sla.For(ticket), sentiment, origin: origin);
            db.Messages.Add(message);
            if (outcome == Opened)
            {
                await router.RouteNewAsync(ticket, cancellationToken);
                await sla.StartAsync(ticket, publish, cancellationToken);
                await publish.Publish(SupportDeskApi.Announcement(ticket, now), cancellationToken);
            }
            else
            {
                await sla.FlushAsync(ticket, publish, cancellationToken);
            }
            foreach (var (attachment, position) in email.Attachments.Select((a, i) => (a, i)))
            {
                db.Attachments.Add(new TicketAttachment
                {
                    Id = Guid.CreateVersion7(now),
                    TicketId = ticket.Id,
                    MessageId = message.Id,
                    Position = position,
                    FileName = attachment.FileName,
                    ContentType = attachment.ContentType,
                    Size = attachment.Size,
                    Content = attachment.Content,
                    Kept = attachment.Content is not null,
                    CreatedAt = now,
                });
            }

            await db.SaveChangesAsync(cancellationToken);
            return new Received(outcome, ticket.Id, ticket.Number, message.Id);
        }, cancellationToken);

        logger.LogInformation("Inbound email {MessageId} from {From}: {Outcome} ticket {TicketId}", email.MessageId, email.From, received.Outcome, received.TicketId);
        return received.Outcome == Opened
            ? TypedResults.Created($"/api/support/tickets/{received.TicketId}", received)
            : TypedResults.Ok(received);
    }

    /// <summary>
    /// The requester's ticket this email continues: the one whose message (an email we sent, whose Message-ID
    /// is the message's id, or one they sent) In-Reply-To or the newest of References names, else the one
    /// whose number the subject carries. Another person's ticket is never joined this way: a guessed number
    /// or a forwarded thread opens a ticket of its own.
    /// </summary>
    private static async Task<Ticket?> ThreadOfAsync(TicketingDbContext db, InboundEmail email, Guid senderId, CancellationToken cancellationToken)
    {
        var named = (email.InReplyTo is { } inReplyTo ? email.References.Append(inReplyTo) : email.References).Reverse().Distinct().Take(50).ToList();
        var ours = named.Select(OurMessageId).OfType<Guid>().ToList();
        var candidates = new List<Guid>();
        if (named.Count > 0)
        {
            var found = await db.Messages.AsNoTracking()
                .Where(m => ours.Contains(m.Id) || (m.EmailMessageId != null && named.Contains(m.EmailMessageId)))
                .Select(m => new { m.Id, m.EmailMessageId, m.TicketId })
                .ToListAsync(cancellationToken);
            candidates.AddRange(named
                .Select(id => found.FirstOrDefault(m => m.EmailMessageId == id || m.Id == OurMessageId(id))?.TicketId)
                .OfType<Guid>());
        }
        if (email.TicketNumber is { } number && await db.Tickets.Where(t => t.Number == number).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(cancellationToken) is { } numbered)
            candidates.Add(numbered);

        foreach (var ticketId in candidates.Distinct())
        {
            var ticket = await TicketTransaction.LockAsync(db, ticketId, cancellationToken);
            if (ticket is not null && (ticket.CustomerId == senderId || string.Equals(ticket.CustomerEmail, email.From, StringComparison.OrdinalIgnoreCase)))
                return ticket;
        }
        return null;
    }

    /// <summary>The emails we send have the Message-ID "&lt;notification id in 32 hex digits&gt;@&lt;domain&gt;", and a reply's notification id is its message's id.</summary>
    private static Guid? OurMessageId(string messageId)
    {
        var at = messageId.IndexOf('@');
        return at == 32 && Guid.TryParseExact(messageId.AsSpan(0, 32), "N", out var id) ? id : null;
    }
}
