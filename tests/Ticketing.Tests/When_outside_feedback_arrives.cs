using System.Net;
using System.Net.Http.Json;
using CustomerPlatform.Contracts.Ticketing;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing.Tests;

[Collection(TicketingCollection.Name)]
public sealed class When_outside_feedback_arrives(TicketingFixture fixture)
{
    private sealed record Ingested(Guid FeedbackId, double Sentiment, string Label, Guid? TicketId);

    [Fact]
    public async Task Should_score_positive_feedback_and_open_no_ticket()
    {
        var response = await fixture.SendFeedbackAsync(new
        {
            externalId = Guid.NewGuid().ToString(), source = "trustpilot", author = "Happy Hannah",
            text = "Great service, fast delivery and lovely support. Thank you!", rating = 5,
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var ingested = await response.Content.ReadFromJsonAsync<Ingested>();
        Assert.Equal(MessageSentiment.Positive, ingested!.Label);
        Assert.True(ingested.Sentiment > 0.5);
        Assert.Null(ingested.TicketId);
        var item = await fixture.ReadAsync(db => db.Feedback.SingleAsync(f => f.Id == ingested.FeedbackId));
        Assert.Equal(("trustpilot", "Happy Hannah", 5), (item.Source, item.Author, item.Rating));
    }

    [Fact]
    public async Task Should_open_a_ticket_for_negative_feedback_once()
    {
        var feedback = new
        {
            externalId = Guid.NewGuid().ToString(), source = "twitter", author = "@angry_andy",
            text = "Terrible experience. My order arrived broken and nobody answers. Awful!", link = "https://social.example.com/andy/status/1",
        };

        var first = await fixture.SendFeedbackAsync(feedback);
        var again = await fixture.SendFeedbackAsync(feedback);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var ingested = await first.Content.ReadFromJsonAsync<Ingested>();
        Assert.Equal(ingested, await again.Content.ReadFromJsonAsync<Ingested>());
        Assert.Equal(MessageSentiment.Negative, ingested!.Label);
        var agent = await fixture.AddStaffAsync("Sam Support", Roles.Agent);
        var ticket = await fixture.CreateClient(agent, Roles.Agent).GetFromJsonAsync<TicketDetails>($"/api/support/tickets/{ingested.TicketId}");
        Assert.Equal((TicketChannels.Feedback, TicketStatuses.New, TicketQueues.Support, TicketPriorities.High), (ticket!.Channel, ticket.Status, ticket.Queue, ticket.Priority));
        Assert.Equal("Negative twitter feedback from @angry_andy", ticket.Subject);
        Assert.Equal(["feedback", "twitter"], ticket.Tags);
        var message = Assert.Single(ticket.Messages);
        Assert.Equal($"{feedback.text}\n\n{feedback.link}", message.Body);
        Assert.Equal(MessageSentiment.Negative, message.Sentiment);
        Assert.Equal(1, await fixture.ReadAsync(db => db.Feedback.CountAsync(f => f.ExternalId == feedback.externalId)));
        await fixture.Events.WaitForAsync<TicketOpened>(e => e.TicketId == ingested.TicketId);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(fixture.Events.All<TicketOpened>(), e => e.TicketId == ingested.TicketId);
    }

    [Fact]
    public async Task Should_refuse_a_wrong_signature_and_store_nothing()
    {
        var externalId = Guid.NewGuid().ToString();

        var response = await fixture.SendFeedbackAsync(new { externalId, source = "g2", text = "Awful." }, "sha256=" + new string('a', 64));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(await fixture.ReadAsync(db => db.Feedback.AnyAsync(f => f.ExternalId == externalId)));
    }

    [Theory]
    [InlineData("source", """{"externalId":"1","source":"Not A Slug!","text":"Hi"}""")]
    [InlineData("externalId", """{"source":"g2","text":"Hi"}""")]
    [InlineData("text", """{"externalId":"1","source":"g2"}""")]
    [InlineData("link", """{"externalId":"1","source":"g2","text":"Hi","link":"javascript:alert(1)"}""")]
    [InlineData("rating", """{"externalId":"1","source":"g2","text":"Hi","rating":11}""")]
    [InlineData("authorEmail", """{"externalId":"1","source":"g2","text":"Hi","authorEmail":"nope"}""")]
    public async Task Should_answer_400_naming_the_field(string field, string json)
    {
        var response = await fixture.SendFeedbackAsync(System.Text.Json.JsonDocument.Parse(json).RootElement);

        await ApiAssert.BadRequestNamingAsync(response, field);
    }
}
