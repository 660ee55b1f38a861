using CustomerPlatform.Sentiment;

namespace CustomerPlatform.Ticketing;

/// <summary>Scores what customers write (tickets, replies, rating comments) with VADER's rules (services/Sentiment).</summary>
public sealed class MessageSentiments
{
    public MessageSentiment Of(string text)
    {
        var score = SentimentAnalyzer.Default.Analyze(text);
        return new MessageSentiment(Math.Round(score.Compound, 4), score.Label.ToLowercaseName());
    }
}
