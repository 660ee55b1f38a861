namespace CustomerPlatform.Sentiment.Tests;

/// <summary>A sentence of the held-out set, with the label people gave it and the site it came from.</summary>
public sealed record LabelledSentence(string Source, string Text, SentimentLabel Label);

/// <summary>
/// The UCI "Sentiment Labelled Sentences" set (Kotzias et al., KDD 2015; CC BY 4.0): 3,000 review sentences from
/// Amazon, IMDb and Yelp, each labelled positive or negative. See Data/README.md.
/// </summary>
public static class HeldOutSentences
{
    public static readonly string[] Files = ["amazon_cells_labelled.txt", "imdb_labelled.txt", "yelp_labelled.txt"];

    public static IReadOnlyList<LabelledSentence> Load() =>
        Files.SelectMany(file => File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", file))
                .Where(line => line.Length > 0)
                .Select(line => Parse(file[..file.IndexOf('_')], line)))
            .ToList();

    // Each line is "sentence<TAB>label", the label 1 for positive and 0 for negative.
    private static LabelledSentence Parse(string source, string line)
    {
        var tab = line.LastIndexOf('\t');
        var label = line[(tab + 1)..].Trim() switch
        {
            "1" => SentimentLabel.Positive,
            "0" => SentimentLabel.Negative,
            var other => throw new FormatException($"Unexpected label '{other}' in {source}: {line}"),
        };
        return new LabelledSentence(source, line[..tab], label);
    }
}
