namespace CustomerPlatform.Sentiment;

/// <summary>The overall polarity of a message, read off <see cref="SentimentScore.Compound"/>.</summary>
public enum SentimentLabel
{
    Negative,
    Neutral,
    Positive,
}

public static class SentimentLabelExtensions
{
    /// <summary>The label as stored and sent: <c>"negative"</c>, <c>"neutral"</c> or <c>"positive"</c>.</summary>
    public static string ToLowercaseName(this SentimentLabel label) => label switch
    {
        SentimentLabel.Negative => "negative",
        SentimentLabel.Neutral => "neutral",
        SentimentLabel.Positive => "positive",
        _ => throw new ArgumentOutOfRangeException(nameof(label), label, "Not a sentiment label."),
    };
}

/// <summary>
/// VADER's scores for one text. <paramref name="Compound"/> is the normalised sum of the word valences, in [-1, 1];
/// <paramref name="Positive"/>, <paramref name="Neutral"/> and <paramref name="Negative"/> are the proportions of the
/// text that fall in each class (they add up to 1, or are all 0 for a text without words).
/// </summary>
public readonly record struct SentimentScore(double Compound, double Positive, double Neutral, double Negative)
{
    /// <summary>The compound score from which a text counts as positive (and, negated, as negative): VADER's usual cut-off.</summary>
    public const double LabelThreshold = 0.05;

    /// <summary>The score of an empty text: neutral, everything zero.</summary>
    public static SentimentScore Empty => default;

    public SentimentLabel Label => Compound >= LabelThreshold ? SentimentLabel.Positive
        : Compound <= -LabelThreshold ? SentimentLabel.Negative
        : SentimentLabel.Neutral;
}
