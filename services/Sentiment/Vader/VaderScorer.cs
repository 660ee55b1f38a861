namespace CustomerPlatform.Sentiment.Vader;

/// <summary>
/// VADER's rules, applied to a tokenised text: each rated word's valence is adjusted for capitals, degree adverbs,
/// negation, idioms and "least"; then "but" reweighs the two halves and the punctuation emphasis is added.
/// </summary>
internal static class VaderScorer
{
    public static SentimentScore Score(ReadOnlySpan<char> text, Span<Token> tokens)
    {
        if (tokens.IsEmpty)
            return SentimentScore.Empty;

        var capitalsStandOut = CapitalsStandOut(tokens);
        for (var i = 0; i < tokens.Length; i++)
            tokens[i].Valence = Valence(text, tokens, i, capitalsStandOut);
        WeighAroundBut(tokens);
        return Summarise(tokens, PunctuationEmphasis(text));
    }

    /// <summary>Capitals add emphasis only when some words, but not all, are in capitals.</summary>
    private static bool CapitalsStandOut(ReadOnlySpan<Token> tokens)
    {
        var capitals = 0;
        foreach (ref readonly var token in tokens)
        {
            if (token.IsCapitals)
                capitals++;
        }
        return capitals > 0 && capitals < tokens.Length;
    }

    private static double Valence(ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens, int i, bool capitalsStandOut)
    {
        var info = tokens[i].Info;
        // Degree adverbs and the "kind" of "kind of" modify the next words rather than carry sentiment themselves.
        if (info.DegreeStep != 0 || (info.Marker == Marker.Kind && NextIs(tokens, i, Marker.Of)) || !info.IsRated)
            return 0;

        var valence = info.Valence;
        // "no" before a rated word negates it ("no problems") instead of counting as negative itself.
        if (info.Marker == Marker.No && i + 1 < tokens.Length && tokens[i + 1].Info.IsRated)
            valence = 0;
        if (FollowsNo(tokens, i))
            valence = info.Valence * VaderWords.NegationScalar;
        if (tokens[i].IsCapitals && capitalsStandOut)
            valence += Math.Sign(valence) * VaderWords.CapitalsStep;

        for (var distance = 1; distance <= 3 && distance <= i; distance++)
        {
            ref readonly var before = ref tokens[i - distance];
            if (before.Info.IsRated)
                continue;
            valence += DegreeScalar(before, valence, capitalsStandOut) * VaderWords.DegreeDistanceWeight(distance);
            valence = Negate(tokens, i, distance, valence);
        }

        valence = ApplyIdioms(text, tokens, i, valence);
        return ApplyLeast(tokens, i, valence);
    }

    private static bool NextIs(ReadOnlySpan<Token> tokens, int i, Marker marker) =>
        i + 1 < tokens.Length && tokens[i + 1].Info.Marker == marker;

    /// <summary>"no good", "no real help", "no help or support".</summary>
    private static bool FollowsNo(ReadOnlySpan<Token> tokens, int i) =>
        (i > 0 && tokens[i - 1].Info.Marker == Marker.No)
        || (i > 1 && tokens[i - 2].Info.Marker == Marker.No)
        || (i > 2 && tokens[i - 3].Info.Marker == Marker.No && tokens[i - 1].Info.Marker == Marker.Or);

    /// <summary>The change a degree adverb makes to a valence: away from zero for "very", towards it for "slightly".</summary>
    private static double DegreeScalar(in Token modifier, double valence, bool capitalsStandOut)
    {
        if (modifier.Info.DegreeStep == 0 || valence == 0)
            return 0;
        var direction = Math.Sign(valence);
        var scalar = direction * modifier.Info.DegreeStep;
        if (modifier.IsCapitals && capitalsStandOut)
            scalar += direction * VaderWords.CapitalsStep;
        return scalar;
    }

    /// <summary>
    /// Negation by the word <paramref name="distance"/> words back, except "never so/this good" (emphasis) and
    /// "without (a) doubt good" (no negation).
    /// </summary>
    private static double Negate(ReadOnlySpan<Token> tokens, int i, int distance, double valence)
    {
        var negator = tokens[i - distance].Info;
        var between = tokens.Slice(i - distance + 1, distance - 1);
        if (negator.Marker == Marker.Never && Contains(between, Marker.SoOrThis))
            return valence * VaderWords.NeverSoScalar;
        if (negator.Marker == Marker.Without && Contains(between, Marker.Doubt))
            return valence;
        return negator.Negates ? valence * VaderWords.NegationScalar : valence;
    }

    private static bool Contains(ReadOnlySpan<Token> tokens, Marker marker)
    {
        foreach (ref readonly var token in tokens)
        {
            if (token.Info.Marker == marker)
                return true;
        }
        return false;
    }

    /// <summary>
    /// An idiom that ends at or just before the word, or that starts at it or has it in the middle, sets its valence
    /// ("the bomb", "kiss of death", "to die for"); "kind of" and the like just before it dampen it.
    /// </summary>
    private static double ApplyIdioms(ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens, int i, double valence)
    {
        var before = FindIdiom(text, tokens, i - 1, 2) ?? FindIdiom(text, tokens, i - 2, 3) ?? FindIdiom(text, tokens, i - 2, 2)
            ?? FindIdiom(text, tokens, i - 3, 3) ?? FindIdiom(text, tokens, i - 3, 2);
        var from = FindIdiom(text, tokens, i, 3) ?? FindIdiom(text, tokens, i - 1, 3) ?? FindIdiom(text, tokens, i, 2);
        if ((from ?? before) is { } idiom)
            valence = idiom.Valence;

        for (var start = i - 3; start <= i - 2; start++)
        {
            if (start >= 0 && tokens[start].Info.StartsPhrase && IsDampeningPhrase(text, tokens.Slice(start, 2)))
                valence -= Math.Sign(valence) * VaderWords.DegreeStep;
        }
        return valence;
    }

    private static Idiom? FindIdiom(ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens, int start, int length)
    {
        if (start < 0 || start + length > tokens.Length || !tokens[start].Info.StartsPhrase)
            return null;
        foreach (var idiom in VaderWords.Idioms)
        {
            if (Spells(text, tokens.Slice(start, length), idiom.Words))
                return idiom;
        }
        return null;
    }

    private static bool IsDampeningPhrase(ReadOnlySpan<char> text, ReadOnlySpan<Token> pair)
    {
        foreach (var phrase in VaderWords.DampeningPhrases)
        {
            if (Spells(text, pair, phrase))
                return true;
        }
        return false;
    }

    /// <summary>True when the tokens are exactly these words, ignoring case.</summary>
    private static bool Spells(ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens, string[] words)
    {
        if (tokens.Length != words.Length)
            return false;
        for (var k = 0; k < words.Length; k++)
        {
            if (!text.Slice(tokens[k].Start, tokens[k].Length).Equals(words[k], StringComparison.OrdinalIgnoreCase))
                return false;
        }
        return true;
    }

    /// <summary>"the least helpful" negates; "at least helpful" and "very least" do not.</summary>
    private static double ApplyLeast(ReadOnlySpan<Token> tokens, int i, double valence)
    {
        if (i == 0 || tokens[i - 1].Info.Marker != Marker.Least || tokens[i - 1].Info.IsRated)
            return valence;
        if (i > 1 && tokens[i - 2].Info.Marker is Marker.At or Marker.Very)
            return valence;
        return valence * VaderWords.NegationScalar;
    }

    /// <summary>With a contrastive "but", the sentiment before the first one counts half, after it one and a half.</summary>
    private static void WeighAroundBut(Span<Token> tokens)
    {
        var but = -1;
        for (var i = 0; i < tokens.Length && but < 0; i++)
        {
            if (tokens[i].Info.Marker == Marker.But)
                but = i;
        }
        if (but < 0)
            return;
        for (var i = 0; i < but; i++)
            tokens[i].Valence *= VaderWords.BeforeButWeight;
        for (var i = but + 1; i < tokens.Length; i++)
            tokens[i].Valence *= VaderWords.AfterButWeight;
    }

    /// <summary>Exclamation marks (up to four) and two or more question marks strengthen whatever the text says.</summary>
    private static double PunctuationEmphasis(ReadOnlySpan<char> text)
    {
        var exclamations = Math.Min(text.Count('!'), VaderWords.MaxExclamations);
        var questions = text.Count('?');
        var questionEmphasis = questions switch
        {
            <= 1 => 0,
            <= VaderWords.MaxCountedQuestions => questions * VaderWords.QuestionStep,
            _ => VaderWords.QuestionCap,
        };
        return exclamations * VaderWords.ExclamationStep + questionEmphasis;
    }

    private static SentimentScore Summarise(ReadOnlySpan<Token> tokens, double emphasis)
    {
        double sum = 0, positive = 0, negative = 0;
        var neutral = 0;
        foreach (ref readonly var token in tokens)
        {
            var valence = token.Valence;
            sum += valence;
            // Each sentiment word counts one more than its valence, as a neutral word counts one.
            if (valence > 0)
                positive += valence + 1;
            else if (valence < 0)
                negative += 1 - valence;
            else
                neutral++;
        }

        sum += Math.Sign(sum) * emphasis;
        if (positive > negative)
            positive += emphasis;
        else if (negative > positive)
            negative += emphasis;

        var total = positive + negative + neutral;
        return new SentimentScore(Normalise(sum), positive / total, neutral / total, negative / total);
    }

    private static double Normalise(double sum) =>
        Math.Clamp(sum / Math.Sqrt(sum * sum + VaderWords.NormalisationAlpha), -1, 1);
}
