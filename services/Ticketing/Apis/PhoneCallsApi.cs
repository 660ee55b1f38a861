using System.Security.Claims;
using CustomerPlatform.Contracts.Ticketing;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing;

/// <summary>
/// The phone channel: an agent logs a call (who, which way, how long, what was said), onto a ticket or as a new
/// one. The log is a staff note in the thread (the customer was on the line; nobody is emailed), with its details
/// kept apart (<see cref="TicketCall"/>) for the reports.
/// </summary>
public static class PhoneCallsApi
{
    public const int MaxDurationSeconds = 24 * 60 * 60;

    public sealed record LogCallRequest(
        Guid? TicketId, Guid? CustomerId, string? CallerName, string? CallerEmail, string? CallerPhone,
        string? Direction, int? DurationSeconds, string? Summary, string? Subject);

    public sealed record LoggedCall(Guid TicketId, long Number, Guid MessageId);

    public static async Task<Results<Created<LoggedCall>, NotFound, ValidationProblem, ProblemHttpResult>> LogAsync(
        HttpRequest request, ClaimsPrincipal user, TicketingDbContext db, IPublishEndpoint publish, SlaTracking sla, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<LogCallRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        errors = [];
        var summary = TicketRules.Text(body.Summary, "summary", TicketRules.MaxBodyLength, errors);
        var callerName = TicketRules.Text(body.CallerName, "callerName", 200, errors, required: false);
        var callerEmail = TicketRules.Email(body.CallerEmail, "callerEmail", errors);
        var callerPhone = TicketRules.Phone(body.CallerPhone, "callerPhone", errors);
        var subject = TicketRules.Text(body.Subject, "subject", TicketRules.MaxSubjectLength, errors, required: false);
        var direction = TicketRules.OneOf(body.Direction, "direction", TicketCall.Directions, errors) ?? TicketCall.Inbound;
        if (body.DurationSeconds is not (>= 0 and <= MaxDurationSeconds))
            errors["durationSeconds"] = [$"'durationSeconds' is required: the call's length in seconds, 0 to {MaxDurationSeconds:N0}."];
        if (body.TicketId is null && body.CustomerId is null && callerEmail is null && callerPhone is null)
            errors["callerPhone"] = ["A call that opens a ticket needs the caller: 'customerId', 'callerEmail' or 'callerPhone'."];
        if (body.TicketId == Guid.Empty)
            errors["ticketId"] = ["'ticketId' is not a ticket's id."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var me = user.GetCustomerId();
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async () =>
        {
            Ticket? ticket;
            if (body.TicketId is { } ticketId)
            {
                ticket = await TicketTransaction.LockAsync(db, ticketId, user, cancellationToken);
                if (ticket is null)
                    return (Results<Created<LoggedCall>, NotFound, ValidationProblem, ProblemHttpResult>)TypedResults.NotFound();
                if (ticket.IsClosed)
                    return SupportDeskApi.Conflict("This ticket is closed", $"Ticket {ticketId} is closed and read-only; log the call as a new ticket.");
            }
            else
            {
                ticket = await OpenAsync(db, body.CustomerId, callerName, callerEmail, callerPhone, subject, me, now, cancellationToken);
                await sla.StartAsync(ticket, publish, cancellationToken);
                await publish.Publish(SupportDeskApi.Announcement(ticket, now), cancellationToken);
            }

            var staffName = await TicketMessagesApi.StaffNameAsync(db, user, cancellationToken);
            var message = ticket.Post(me, staffName, Note(direction, body.DurationSeconds!.Value, callerName ?? ticket.CustomerName, callerPhone, summary!), now,
                sla.For(ticket), @internal: true, origin: new MessageOrigin(TicketChannels.Phone));
            db.Messages.Add(message);
            db.Calls.Add(new TicketCall
            {
                MessageId = message.Id,
                TicketId = ticket.Id,
                Direction = direction,
                CallerName = callerName,
                CallerPhone = callerPhone,
                DurationSeconds = body.DurationSeconds.Value,
                LoggedBy = me,
                CreatedAt = now,
            });
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Created($"/api/support/tickets/{ticket.Id}", new LoggedCall(ticket.Id, ticket.Number, message.Id));
        }, cancellationToken);
    }

    /// <summary>
    /// A new ticket for the caller, already open with the agent who took the call. The requester is the customer
    /// named, else the one whose verified address was given, else a requester derived from the address or number.
    /// </summary>
    private static async Task<Ticket> OpenAsync(TicketingDbContext db, Guid? customerId, string? callerName, string? callerEmail, string? callerPhone,
        string? subject, Guid agent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (requester, contact) = await db.CustomerContacts.RequesterAsync(callerEmail, customerId, () => CustomerContact.CallerId(callerPhone!), cancellationToken);
        var name = callerName ?? contact?.DisplayName;
        var ticket = new Ticket
        {
            Id = Guid.CreateVersion7(now),
            CustomerId = requester,
            CustomerEmail = callerEmail ?? contact?.Email,
            CustomerName = name,
            AssigneeId = agent,
            Kind = TicketKinds.Request,
            Subject = subject ?? $"Phone call with {name ?? callerPhone ?? callerEmail ?? "a customer"}",
            Status = TicketStatuses.Open,
            Channel = TicketChannels.Phone,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Tickets.Add(ticket);
        return ticket;
    }

    private static string Note(string direction, int seconds, string? caller, string? phone, string summary)
    {
        var length = seconds >= 60 ? $"{seconds / 60} min {seconds % 60} s" : $"{seconds} s";
        var who = (caller, phone) switch
        {
            ({ } n, { } p) => $"{n} ({p})",
            ({ } n, null) => n,
            (null, { } p) => p,
            _ => "the customer",
        };
        return $"{(direction == TicketCall.Inbound ? "Call from" : "Call to")} {who}, {length}.\n\n{summary}";
    }
}
