using System.Text.RegularExpressions;
using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Contracts.Ticketing;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Ticketing;

/// <summary>
/// Feedback from outside: the integrations that watch review sites, social networks and survey tools post each
/// item here, signed like the email channel (<see cref="SignedRequest"/>, with its own secret). Every item
/// gets a sentiment score and label and counts in the sentiment reports; a negative one opens a ticket in the
/// support queue, so someone answers the unhappy reviewer. The same item again (its source and id) changes nothing.
/// </summary>
public static partial class FeedbackApi
{
    public sealed record FeedbackRequest(string? ExternalId, string? Source, string? Author, string? AuthorEmail, string? Text, string? Link, int? Rating, DateTimeOffset? PostedAt);

    public sealed record Ingested(Guid FeedbackId, double Sentiment, string Label, Guid? TicketId);

    private const int MaxBodyBytes = 256 * 1024;

    private const string ItemLockSql = "SELECT pg_advisory_xact_lock(hashtextextended({0}, 0))";

    public static async Task<Results<Accepted<Ingested>, NotFound, ValidationProblem, ProblemHttpResult>> IngestAsync(
        HttpRequest request, TicketingDbContext db, IPublishEndpoint publish, MessageSentiments sentiments, IOptions<FeedbackOptions> options,
        SlaTracking sla, TicketRouter router, TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(options.Value.Secret))
            return TypedResults.NotFound();
        var (raw, problem) = await SignedRequest.ReadAsync(request, options.Value.Secret, MaxBodyBytes, "body", "the feedback secret", cancellationToken);
        if (raw is null)
            return problem!;

        request.Body = new MemoryStream(raw, writable: false);
        var (body, errors) = await JsonRequestBody.ReadAsync<FeedbackRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        errors = [];
        var source = body.Source?.Trim().ToLowerInvariant();
        if (source is null || !SourcePattern().IsMatch(source))
            errors["source"] = ["'source' is required: 1 to 50 lower-case letters, digits or '-' naming where it was said (trustpilot, twitter, nps-survey)."];
        var externalId = TicketRules.Text(body.ExternalId, "externalId", 200, errors);
        var text = TicketRules.Text(body.Text, "text", TicketRules.MaxBodyLength, errors);
        var author = TicketRules.Text(body.Author, "author", 200, errors, required: false);
        var authorEmail = TicketRules.Email(body.AuthorEmail, "authorEmail", errors);
        var link = TicketRules.Link(body.Link, "link", errors);
        if (body.Rating is < 0 or > 10)
            errors["rating"] = ["'rating' is the source's rating, 0 to 10."];
        var now = time.GetUtcNow();
        if (body.PostedAt > now.AddDays(1))
            errors["postedAt"] = ["'postedAt' is in the future."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var key = $"{source}/{externalId}";
        var sentiment = sentiments.Of(text!);
        var ingested = await db.InTransactionAsync(async () =>
        {
            await db.Database.ExecuteSqlRawAsync(ItemLockSql, ["feedback/" + key], cancellationToken);
            var id = NotificationIds.NameBased(ResourceNames.Services.Ticketing, "feedback/" + key);
            if (await db.Feedback.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, cancellationToken) is { } earlier)
                return new Ingested(earlier.Id, earlier.SentimentScore, earlier.SentimentLabel, earlier.TicketId);

            var item = new FeedbackItem
            {
                Id = id,
                Source = source!,
                ExternalId = externalId!,
                Author = author,
                AuthorEmail = authorEmail,
                Text = text!,
                Link = link,
                Rating = body.Rating,
                SentimentScore = sentiment.Score,
                SentimentLabel = sentiment.Label,
                PostedAt = body.PostedAt ?? now,
                ReceivedAt = now,
            };
            db.Feedback.Add(item);
            if (sentiment.IsNegative)
                item.TicketId = await OpenTicketAsync(db, publish, sla, router, item, sentiment, now, cancellationToken);
            return new Ingested(item.Id, item.SentimentScore, item.SentimentLabel, item.TicketId);
        }, cancellationToken);
        return TypedResults.Accepted($"/api/support/feedback/{ingested.FeedbackId}", ingested);
    }

    /// <summary>A ticket in the support queue whose first message is the feedback, from its author (the customer whose verified address it is, when given).</summary>
    private static async Task<Guid> OpenTicketAsync(TicketingDbContext db, IPublishEndpoint publish, SlaTracking sla, TicketRouter router, FeedbackItem item, MessageSentiment sentiment,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (requester, contact) = await db.CustomerContacts.RequesterAsync(item.AuthorEmail,
            otherwise: () => CustomerContact.AuthorId(item.Source, item.Author ?? item.ExternalId), cancellationToken: cancellationToken);
        var who = item.Author ?? contact?.DisplayName ?? "someone";
        var ticket = new Ticket
        {
            Id = NotificationIds.NameBased(ResourceNames.Services.Ticketing, $"feedback-ticket/{item.Source}/{item.ExternalId}"),
            CustomerId = requester,
            CustomerEmail = item.AuthorEmail,
            CustomerName = item.Author ?? contact?.DisplayName,
            Kind = TicketKinds.Request,
            Subject = Shorten($"Negative {item.Source} feedback from {who}", TicketRules.MaxSubjectLength),
            Status = TicketStatuses.New,
            Channel = TicketChannels.Feedback,
            Tags = ["feedback", item.Source],
            CreatedAt = now,
            UpdatedAt = now,
        };
        var text = item.Link is { } link ? $"{item.Text}\n\n{link}" : item.Text;
        db.Messages.Add(ticket.Post(requester, ticket.CustomerName, Shorten(text, TicketRules.MaxBodyLength), now, sla.For(ticket), sentiment,
            origin: new MessageOrigin(TicketChannels.Feedback)));
        db.Tickets.Add(ticket);
        await router.RouteNewAsync(ticket, cancellationToken);
        await sla.StartAsync(ticket, publish, cancellationToken);
        await publish.Publish(SupportDeskApi.Announcement(ticket, now), cancellationToken);
        return ticket.Id;
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..length];

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,49}$")]
    private static partial Regex SourcePattern();
}
