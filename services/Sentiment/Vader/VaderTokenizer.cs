using System.Buffers;
using System.Collections.Frozen;
using System.Runtime.InteropServices;
using System.Text;

namespace CustomerPlatform.Sentiment.Vader;

/// <summary>One whitespace-separated word or emoticon of the text, with what the lexicon knows of it.</summary>
[StructLayout(LayoutKind.Auto)]
internal struct Token
{
    public int Start;
    public int Length;
    public WordInfo Info;
    public bool IsCapitals;
    public double Valence;
}

/// <summary>Splits a text into VADER's tokens without copying it: each token is a range of the text.</summary>
internal static class VaderTokenizer
{
    /// <summary>An upper bound on the number of tokens in a text of this length.</summary>
    public static int MaxTokens(int textLength) => textLength / 2 + 1;

    /// <summary>
    /// Fills <paramref name="tokens"/> (at least <see cref="MaxTokens"/> long) with the text's tokens and returns
    /// how many there are. A token the lexicon rates as it stands (":)", ":-(") is kept whole; any other loses the
    /// punctuation around it ("good!" → "good"), unless it is nothing but punctuation.
    /// </summary>
    public static int Tokenize(ReadOnlySpan<char> text, Span<Token> tokens, VaderLexicon lexicon)
    {
        var count = 0;
        var position = 0;
        while (position < text.Length)
        {
            while (position < text.Length && char.IsWhiteSpace(text[position]))
                position++;
            var start = position;
            while (position < text.Length && !char.IsWhiteSpace(text[position]))
                position++;
            if (position > start)
                tokens[count++] = Read(text, start, position - start, lexicon);
        }
        return count;
    }

    private static Token Read(ReadOnlySpan<char> text, int start, int length, VaderLexicon lexicon)
    {
        var info = lexicon.Find(text.Slice(start, length));
        if (!info.IsRated && (IsAsciiPunctuation(text[start]) || IsAsciiPunctuation(text[start + length - 1])))
        {
            var end = start + length;
            var first = start;
            while (first < end && IsAsciiPunctuation(text[first]))
                first++;
            while (end > first && IsAsciiPunctuation(text[end - 1]))
                end--;
            if (end > first)
            {
                (start, length) = (first, end - first);
                info = lexicon.Find(text.Slice(start, length));
            }
        }

        var word = text.Slice(start, length);
        if (!info.Negates && IsNegativeContraction(word))
            info = info with { Negates = true };
        return new Token { Start = start, Length = length, Info = info, IsCapitals = IsCapitals(word) };
    }

    private static bool IsAsciiPunctuation(char c) => c is (>= '!' and <= '/') or (>= ':' and <= '@') or (>= '[' and <= '`') or (>= '{' and <= '~');

    /// <summary>"don't", "WOULDN'T", "isn’t": any word with "n't" in it negates.</summary>
    private static bool IsNegativeContraction(ReadOnlySpan<char> word)
    {
        for (var i = 1; i < word.Length - 1; i++)
        {
            if (word[i] is '\'' or '\u2019' && (word[i - 1] | 0x20) == 'n' && (word[i + 1] | 0x20) == 't')
                return true;
        }
        return false;
    }

    /// <summary>True when the word has letters and all of them are capitals ("GREAT", "A+", ":D").</summary>
    public static bool IsCapitals(ReadOnlySpan<char> word)
    {
        var hasCapital = false;
        foreach (var c in word)
        {
            if (char.IsLower(c))
                return false;
            hasCapital |= char.IsUpper(c);
        }
        return hasCapital;
    }

    /// <summary>
    /// Replaces each emoji the lexicon describes by its description between spaces ("thanks😁" → "thanks beaming
    /// face with smiling eyes "), and emoji modifiers (variation selectors, skin tones, joiners) by spaces. Returns
    /// the text itself when it has neither; otherwise the rewritten text, in <paramref name="buffer"/> (rented from
    /// the shared pool: the caller returns it).
    /// </summary>
    public static ReadOnlySpan<char> DescribeEmoji(ReadOnlySpan<char> text, FrozenDictionary<int, string> emoji, ref char[]? buffer)
    {
        var length = RewriteEmoji(text, emoji, []);
        if (length < 0)
            return text;
        buffer = ArrayPool<char>.Shared.Rent(length);
        return buffer.AsSpan(0, RewriteEmoji(text, emoji, buffer));
    }

    /// <summary>
    /// Writes the rewritten text to <paramref name="output"/> (or, when it is empty, only measures it) and returns
    /// its length, or -1 when there is nothing to rewrite.
    /// </summary>
    private static int RewriteEmoji(ReadOnlySpan<char> text, FrozenDictionary<int, string> emoji, Span<char> output)
    {
        var measuring = output.IsEmpty;
        var written = 0;
        var rewritten = false;
        for (var i = 0; i < text.Length;)
        {
            if (text[i] < '\u00A9')
            {
                if (!measuring)
                    output[written] = text[i];
                written++;
                i++;
                continue;
            }

            Rune.DecodeFromUtf16(text[i..], out var rune, out var used);
            var replacement = emoji.GetValueOrDefault(rune.Value) ?? (IsEmojiModifier(rune) ? string.Empty : null);
            if (replacement is null)
            {
                if (!measuring)
                    text.Slice(i, used).CopyTo(output[written..]);
                written += used;
            }
            else
            {
                rewritten = true;
                if (!measuring)
                {
                    output[written] = ' ';
                    replacement.CopyTo(output[(written + 1)..]);
                    output[written + 1 + replacement.Length] = ' ';
                }
                written += replacement.Length + 2;
            }
            i += used;
        }
        return rewritten ? written : -1;
    }

    private static bool IsEmojiModifier(Rune rune) =>
        rune.Value is 0xFE0E or 0xFE0F or 0x200D or (>= 0x1F3FB and <= 0x1F3FF);
}
