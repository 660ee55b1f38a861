using System.Text.RegularExpressions;
using Ganss.Xss;
using Markdig;

namespace CustomerPlatform.Ticketing.KnowledgeBase;

/// <summary>
/// Articles are written in Markdown and shown as HTML: raw HTML in the Markdown is shown as text, and the result
/// is sanitised (no scripts, handlers or <c>javascript:</c> links), so an author's mistake or a stolen staff
/// account cannot put script in front of customers.
/// </summary>
public static partial class ArticleMarkdown
{
    public const int ExcerptLength = 200;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UseListExtras()
        .UseTaskLists()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static string ToHtml(string markdown) => Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));

    /// <summary>The text a reader reads, for search and the excerpt: no markup, white space collapsed.</summary>
    public static string ToText(string markdown) => Spaces().Replace(Markdown.ToPlainText(markdown, Pipeline), " ").Trim();

    /// <summary>The first <see cref="ExcerptLength"/> characters of the text, cut at a word, with an ellipsis when cut.</summary>
    public static string Excerpt(string text)
    {
        if (text.Length <= ExcerptLength)
            return text;
        var cut = text.LastIndexOf(' ', ExcerptLength);
        return text[..(cut > ExcerptLength / 2 ? cut : ExcerptLength)].TrimEnd(' ', ',', ';', ':', '.') + "…";
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.UnionWith(["https", "http", "mailto"]);
        return sanitizer;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
