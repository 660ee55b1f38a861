namespace CustomerPlatform.Sentiment.Vader;

/// <summary>
/// The constants and closed word lists of VADER (Hutto &amp; Gilbert, ICWSM 2014). The increments are the mean
/// changes in rated intensity that the paper measured for each cue.
/// </summary>
internal static class VaderWords
{
    /// <summary>How much a degree adverb ("very", "slightly") moves the valence of the word it modifies.</summary>
    public const double DegreeStep = 0.293;

    /// <summary>How much writing a word in capitals, in a text that is not all capitals, adds to its intensity.</summary>
    public const double CapitalsStep = 0.733;

    /// <summary>A negated word keeps 74% of its intensity, with the opposite sign.</summary>
    public const double NegationScalar = -0.74;

    /// <summary>"never so good", "never this good": the negation reads as emphasis.</summary>
    public const double NeverSoScalar = 1.25;

    public const double ExclamationStep = 0.292;
    public const int MaxExclamations = 4;
    public const double QuestionStep = 0.18;
    public const int MaxCountedQuestions = 3;
    public const double QuestionCap = 0.96;

    /// <summary>Contrastive "but": what comes before it counts half, what comes after it half as much again.</summary>
    public const double BeforeButWeight = 0.5;
    public const double AfterButWeight = 1.5;

    /// <summary>The alpha in compound = x / sqrt(x² + alpha), roughly the largest sum expected.</summary>
    public const double NormalisationAlpha = 15;

    /// <summary>A degree adverb one, two or three words before the sentiment word counts fully, 95% or 90%.</summary>
    public static double DegreeDistanceWeight(int distance) => distance switch
    {
        1 => 1.0,
        2 => 0.95,
        _ => 0.9,
    };

    /// <summary>Degree adverbs that strengthen the word they modify.</summary>
    public static readonly string[] Intensifiers =
    [
        "absolutely", "amazingly", "awfully", "completely", "considerable", "considerably", "decidedly", "deeply",
        "effing", "enormous", "enormously", "entirely", "especially", "exceptional", "exceptionally", "extreme",
        "extremely", "fabulously", "flipping", "flippin", "frackin", "fracking", "fricking", "frickin", "frigging",
        "friggin", "fully", "fuckin", "fucking", "fuggin", "fugging", "greatly", "hella", "highly", "hugely",
        "incredible", "incredibly", "intensely", "major", "majorly", "more", "most", "particularly", "purely",
        "quite", "really", "remarkably", "so", "substantially", "thoroughly", "total", "totally", "tremendous",
        "tremendously", "uber", "unbelievably", "unusually", "utter", "utterly", "very",
    ];

    /// <summary>Degree adverbs that weaken the word they modify.</summary>
    public static readonly string[] Dampeners =
    [
        "almost", "barely", "hardly", "kinda", "kindof", "kind-of", "less", "little", "marginal", "marginally",
        "occasional", "occasionally", "partly", "scarce", "scarcely", "slight", "slightly", "somewhat", "sorta",
        "sortof", "sort-of",
    ];

    /// <summary>Two-word dampeners ("it was kind of good").</summary>
    public static readonly string[][] DampeningPhrases = [["kind", "of"], ["sort", "of"], ["just", "enough"]];

    /// <summary>
    /// Words that negate a sentiment word up to three words after them. Contractions ending in "n't" negate
    /// whatever their spelling, so only their apostrophe-less forms are listed.
    /// </summary>
    public static readonly string[] Negations =
    [
        "aint", "arent", "cannot", "cant", "couldnt", "darent", "despite", "didnt", "doesnt", "dont", "hadnt",
        "hasnt", "havent", "isnt", "mightnt", "mustnt", "neednt", "neither", "never", "none", "nope", "nor", "not",
        "nothing", "nowhere", "oughtnt", "rarely", "seldom", "shant", "shouldnt", "uh-uh", "uhuh", "wasnt",
        "werent", "without", "wont", "wouldnt",
    ];

    /// <summary>Phrases whose sentiment is not that of their words; the phrase's valence replaces the word's.</summary>
    public static readonly Idiom[] Idioms =
    [
        new(3, "the", "shit"),
        new(3, "the", "bomb"),
        new(1.5, "bad", "ass"),
        new(0, "bus", "stop"),
        new(-2, "yeah", "right"),
        new(-1.5, "kiss", "of", "death"),
        new(3, "to", "die", "for"),
        new(3.1, "beating", "heart"),
        new(-2.9, "broken", "heart"),
    ];
}

internal sealed class Idiom(double valence, params string[] words)
{
    public double Valence { get; } = valence;
    public string[] Words { get; } = words;
}
