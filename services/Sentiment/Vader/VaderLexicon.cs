using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace CustomerPlatform.Sentiment.Vader;

/// <summary>Words the rules look for by name (besides the closed lists in <see cref="VaderWords"/>).</summary>
internal enum Marker : byte
{
    None,
    No,
    Or,
    But,
    Kind,
    Of,
    Least,
    At,
    Very,
    Never,
    SoOrThis,
    Without,
    Doubt,
}

/// <summary>
/// What VADER knows of one word: its rated valence (NaN when unrated), its degree step, whether it negates, and
/// whether an idiom or a two-word dampener ("kind of") starts with it.
/// </summary>
internal readonly record struct WordInfo(double Valence, double DegreeStep, bool Negates, Marker Marker, bool StartsPhrase)
{
    public static readonly WordInfo Unknown = new(double.NaN, 0, false, Marker.None, false);

    public bool IsRated => !double.IsNaN(Valence);
}

/// <summary>
/// VADER's word and emoji lexicons, read once from the embedded MIT-licensed files and merged with the rule words
/// into one case-insensitive table, so a token costs one look-up.
/// </summary>
internal sealed class VaderLexicon
{
    private const string ResourcePrefix = "CustomerPlatform.Sentiment.Lexicon.";

    private static readonly (string Word, Marker Marker)[] Markers =
    [
        ("no", Marker.No), ("or", Marker.Or), ("nor", Marker.Or), ("but", Marker.But), ("kind", Marker.Kind),
        ("of", Marker.Of), ("least", Marker.Least), ("at", Marker.At), ("very", Marker.Very), ("never", Marker.Never),
        ("so", Marker.SoOrThis), ("this", Marker.SoOrThis), ("without", Marker.Without), ("doubt", Marker.Doubt),
    ];

    private static readonly Lazy<VaderLexicon> shared = new(Load);

    private readonly FrozenDictionary<string, WordInfo>.AlternateLookup<ReadOnlySpan<char>> words;

    private VaderLexicon(FrozenDictionary<string, WordInfo> words, FrozenDictionary<int, string> emoji)
    {
        this.words = words.GetAlternateLookup<ReadOnlySpan<char>>();
        Emoji = emoji;
    }

    public static VaderLexicon Shared => shared.Value;

    /// <summary>Single-code-point emoji and their English descriptions ("😁" → "beaming face with smiling eyes").</summary>
    public FrozenDictionary<int, string> Emoji { get; }

    public WordInfo Find(ReadOnlySpan<char> word) => words.TryGetValue(word, out var info) ? info : WordInfo.Unknown;

    private static VaderLexicon Load()
    {
        var table = new Dictionary<string, WordInfo>(StringComparer.OrdinalIgnoreCase);
        foreach (var (word, rating) in ReadColumns("vader_lexicon.txt"))
        {
            // Look-ups ignore case and the lexicon rates each word in lower case; its few capitalised emoticons
            // (":D") repeat a lower-case entry, which is the one that counts.
            if (!HasUpperCase(word))
                table[word] = WordInfo.Unknown with { Valence = double.Parse(rating, NumberStyles.Float, CultureInfo.InvariantCulture) };
        }

        foreach (var word in VaderWords.Intensifiers)
            Merge(table, word, info => info with { DegreeStep = VaderWords.DegreeStep });
        foreach (var word in VaderWords.Dampeners)
            Merge(table, word, info => info with { DegreeStep = -VaderWords.DegreeStep });
        foreach (var word in VaderWords.Negations)
            Merge(table, word, info => info with { Negates = true });
        foreach (var (word, marker) in Markers)
            Merge(table, word, info => info with { Marker = marker });
        foreach (var phrase in VaderWords.Idioms.Select(idiom => idiom.Words).Concat(VaderWords.DampeningPhrases))
            Merge(table, phrase[0], info => info with { StartsPhrase = true });

        var emoji = new Dictionary<int, string>();
        foreach (var (symbol, description) in ReadColumns("emoji_utf8_lexicon.txt"))
        {
            // Only single code points: the modifiers and joiners of longer sequences are read as spaces.
            if (Rune.DecodeFromUtf16(symbol, out var rune, out var used) == System.Buffers.OperationStatus.Done && used == symbol.Length)
                emoji.TryAdd(rune.Value, description);
        }

        return new VaderLexicon(table.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), emoji.ToFrozenDictionary());
    }

    private static void Merge(Dictionary<string, WordInfo> table, string word, Func<WordInfo, WordInfo> change) =>
        table[word] = change(table.GetValueOrDefault(word, WordInfo.Unknown));

    private static bool HasUpperCase(string word)
    {
        foreach (var c in word)
        {
            if (char.IsUpper(c))
                return true;
        }
        return false;
    }

    /// <summary>The first two tab-separated columns of each line of an embedded lexicon file.</summary>
    private static IEnumerable<(string First, string Second)> ReadColumns(string fileName)
    {
        using var stream = typeof(VaderLexicon).Assembly.GetManifestResourceStream(ResourcePrefix + fileName)
            ?? throw new InvalidOperationException($"The embedded lexicon {fileName} is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            var columns = line.Split('\t');
            if (columns.Length >= 2 && columns[0].Length > 0)
                yield return (columns[0], columns[1]);
        }
    }
}
