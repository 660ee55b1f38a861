using System.Net.Http.Json;

namespace CustomerPlatform.Ticketing.Tests;

[Collection(TicketingCollection.Name)]
public sealed class When_sentiment_is_reported(TicketingFixture fixture)
{
    [Fact]
    public async Task Should_count_each_customer_message_by_channel_and_list_the_most_negative_conversation()
    {
        var agent = await fixture.AddStaffAsync("Sam Support", Roles.Agent);
        var staff = fixture.CreateClient(agent, Roles.Agent);
        var before = await staff.GetFromJsonAsync<SupportReportsApi.SentimentReport>("/api/support/reports/sentiment");

        var email = await fixture.DeliverEmailAsync($"""
            From: {Guid.NewGuid():N}@mail.example.com
            Subject: Worst service ever
            Message-ID: <{Guid.NewGuid():N}@mail.example.com>

            This is the worst, most awful, horrible, terrible, disgusting service ever. I hate it! Useless!!!
            """);
        var received = await email.Content.ReadFromJsonAsync<InboundEmailApi.Received>();
        await fixture.SendFeedbackAsync(new { externalId = Guid.NewGuid().ToString(), source = "g2", text = "Lovely product, great team, very happy." });
        var after = await staff.GetFromJsonAsync<SupportReportsApi.SentimentReport>("/api/support/reports/sentiment");

        Assert.Equal(before!.Overall.Messages + 2, after!.Overall.Messages);
        Assert.Equal(before.Overall.Negative + 1, after.Overall.Negative);
        Assert.Equal(before.Overall.Positive + 1, after.Overall.Positive);
        Assert.Equal(Count(before.ByChannel, TicketChannels.Email).Negative + 1, Count(after.ByChannel, TicketChannels.Email).Negative);
        Assert.Equal(Count(before.ByChannel, TicketChannels.Feedback).Positive + 1, Count(after.ByChannel, TicketChannels.Feedback).Positive);
        Assert.Equal(Count(before.ByQueue, TicketQueues.Support).Messages + 1, Count(after.ByQueue, TicketQueues.Support).Messages);
        Assert.Equal(after.Overall.Messages, after.OverTime.Sum(d => d.Messages));
        var worst = Assert.Single(after.MostNegative, c => c.TicketId == received!.TicketId);
        Assert.True(worst.WorstScore < -0.9, $"{worst.WorstScore}");
        Assert.Equal(TicketChannels.Email, worst.Channel);
    }

    [Fact]
    public async Task Should_answer_400_naming_a_bad_date()
    {
        var staff = fixture.CreateClient(await fixture.AddStaffAsync("Sam Support", Roles.Agent), Roles.Agent);

        await ApiAssert.BadRequestNamingAsync(await staff.GetAsync("/api/support/reports/sentiment?from=yesterday"), "from");
    }

    private static SupportReportsApi.SentimentGroup Count(IReadOnlyList<SupportReportsApi.SentimentGroup> groups, string key) =>
        groups.SingleOrDefault(g => g.Key == key) ?? new(key, null, 0, 0, 0, 0, 0);
}
