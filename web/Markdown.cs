using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.AspNetCore.Components;

namespace CustomerPlatform.Web;

/// <summary>
/// Course content (Markdown written by admins) as HTML the page may show: raw HTML in the source is
/// shown as text, never run; a link or image whose address is not http(s), mailto or on this site is
/// dropped to plain text; its top heading level is the one given, below the page's own headings.
/// </summary>
public static class Markdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseReferralLinks("noopener", "noreferrer", "nofollow")
        .Build();

    public static MarkupString ToHtml(string? markdown, int topHeadingLevel = 2)
    {
        var document = Markdig.Markdown.Parse(markdown ?? "", Pipeline);
        foreach (var heading in document.Descendants<HeadingBlock>())
            heading.Level = Math.Min(heading.Level + topHeadingLevel - 1, 6);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (!IsSafe(link.Url))
                link.ReplaceBy(new LiteralInline(string.Concat(link.Descendants<LiteralInline>().Select(l => l.Content.ToString()))));
        }

        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            if (!autolink.IsEmail && !IsSafe(autolink.Url))
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
        }

        return new MarkupString(Markdig.Markdown.ToHtml(document, Pipeline));
    }

    /// <summary>http, https and mailto addresses, and paths on this site (not //host, which leaves it).</summary>
    public static bool IsSafe(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
            return false;
        url = url.Trim();
        if (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal))
            return true;
        if (url.StartsWith('#'))
            return true;
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto";
    }
}
