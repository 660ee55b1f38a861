using System.Buffers;
using CustomerPlatform.Sentiment.Vader;

namespace CustomerPlatform.Sentiment;

/// <summary>
/// Scores the sentiment of English text with VADER (Hutto &amp; Gilbert, "VADER: A Parsimonious Rule-based Model for
/// Sentiment Analysis of Social Media Text", ICWSM 2014): a lexicon of about 7,500 words, emoticons and slang rated
/// by people, and rules for negation, degree adverbs, capitals, contrastive "but", punctuation, idioms and emoji.
/// The lexicon is read once per process; instances hold no other state, so any instance (or <see cref="Default"/>)
/// can be shared by every thread.
/// </summary>
public sealed class SentimentAnalyzer
{
    /// <summary>Longer texts are scored on their first 10,000 characters (cut at a word boundary where there is one).</summary>
    public const int MaxTextLength = 10_000;

    private const int StackTokens = 128;

    private readonly VaderLexicon lexicon;

    public SentimentAnalyzer() => lexicon = VaderLexicon.Shared;

    public static SentimentAnalyzer Default { get; } = new();

    /// <summary>Scores a text; null, empty and blank texts score <see cref="SentimentScore.Empty"/> (neutral, 0).</summary>
    public SentimentScore Analyze(string? text) => Analyze(text.AsSpan());

    /// <inheritdoc cref="Analyze(string?)"/>
    public SentimentScore Analyze(ReadOnlySpan<char> text)
    {
        text = Truncate(text);
        if (text.IsWhiteSpace())
            return SentimentScore.Empty;

        char[]? described = null;
        try
        {
            return Score(VaderTokenizer.DescribeEmoji(text, lexicon.Emoji, ref described));
        }
        finally
        {
            if (described is not null)
                ArrayPool<char>.Shared.Return(described);
        }
    }

    private SentimentScore Score(ReadOnlySpan<char> text)
    {
        var capacity = VaderTokenizer.MaxTokens(text.Length);
        Token[]? rented = null;
        Span<Token> tokens = capacity <= StackTokens
            ? stackalloc Token[capacity]
            : (rented = ArrayPool<Token>.Shared.Rent(capacity));
        try
        {
            var count = VaderTokenizer.Tokenize(text, tokens, lexicon);
            return VaderScorer.Score(text, tokens[..count]);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<Token>.Shared.Return(rented);
        }
    }

    private static ReadOnlySpan<char> Truncate(ReadOnlySpan<char> text)
    {
        if (text.Length <= MaxTextLength)
            return text;
        var head = text[..MaxTextLength];
        var lastBreak = head.LastIndexOfAny(' ', '\n', '\t');
        if (lastBreak > MaxTextLength / 2)
            return head[..lastBreak];
        return char.IsHighSurrogate(head[^1]) ? head[..^1] : head;
    }
}
