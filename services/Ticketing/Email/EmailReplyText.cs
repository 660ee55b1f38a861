using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace CustomerPlatform.Ticketing;

/// <summary>
/// Turns the body of an inbound customer email into the text that goes on the ticket's thread: only what the
/// customer wrote this time, without the quoted history, signature or "Sent from my iPhone" that mail clients add.
/// For an HTML body call <c>Trim(FromHtml(html))</c>, for a plain-text body <c>Trim(text)</c>.
/// </summary>
/// <remarks>
/// Mail clients mark quoted history differently and none of them reliably, so this works from the markers the
/// common clients (Gmail, Outlook, Apple Mail, Yahoo) write. It errs on the side of keeping text: forwarded
/// messages are kept, because what is forwarded is the customer's point, and when nothing would be left the
/// whole message is kept, so nothing a customer sent is lost. Output uses <c>\n</c> line endings.
/// </remarks>
public static partial class EmailReplyText
{
    private const string RemovedElements = "head, style, script, noscript, title";
    private const string QuoteElements = "blockquote, .gmail_quote, .gmail_extra, .yahoo_quoted";

    private static readonly HashSet<string> BlockElements =
    [
        "address", "article", "aside", "blockquote", "center", "dd", "div", "dl", "dt", "fieldset", "figcaption",
        "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol",
        "p", "pre", "section", "table", "tr", "ul",
    ];

    /// <summary>
    /// The plain text of an HTML email body, with quoted history already removed. Quoted history is removed from
    /// the document rather than the text because the markup says exactly where it starts: <c>blockquote</c>
    /// (including Apple Mail's <c>type="cite"</c>), Gmail's <c>.gmail_quote</c> and <c>.gmail_extra</c>, Yahoo's
    /// <c>.yahoo_quoted</c>, and Outlook's <c>#appendonsend</c> or <c>#divRplyFwdMsg</c> and everything after them.
    /// A quote that is a forwarded message is kept. Block elements and <c>br</c> become line breaks, runs of
    /// blank lines become one blank line, and entities are decoded.
    /// </summary>
    public static string FromHtml(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        using var document = new HtmlParser().ParseDocument(html);
        foreach (var element in document.QuerySelectorAll(RemovedElements).ToList())
            element.Remove();
        RemoveOutlookHistory(document);
        RemoveQuotes(document);

        var text = ToText(document.Body ?? (INode)document);
        return BlankLineRuns().Replace(Tidy(text.Split('\n')), "\n\n");
    }

    /// <summary>
    /// Only the new part of a plain-text email: cut at the first line that starts quoted history (an
    /// "On … wrote:" attribution, also wrapped over two lines or in French, German or Spanish; Outlook's
    /// "-----Original Message-----", underscore separator or From/Sent/To/Subject header block), drop lines
    /// quoted with <c>&gt;</c> (so inline answers to quoted lines are kept), and remove a signature after a
    /// <c>-- </c> line or a mobile footer at the end. A forwarded message ("Begin forwarded message:", Gmail's
    /// "Forwarded message" line, or an Outlook header with a "FW:" subject) is kept as it is. The text kept is
    /// not reflowed; only trailing white space and surrounding blank lines go. If nothing would be left, the
    /// whole message is returned.
    /// </summary>
    public static string Trim(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.ReplaceLineEndings("\n").Split('\n').Select(line => line.TrimEnd()).ToArray();
        var trimmed = Tidy(NewText(lines));
        return trimmed.Length > 0 ? trimmed : Tidy(lines);
    }

    private static void RemoveOutlookHistory(IDocument document)
    {
        // Outlook uses the same header for replies and forwards; a forward is kept.
        var header = document.QuerySelector("#divRplyFwdMsg");
        if (header is not null && ForwardedSubject().IsMatch(header.TextContent))
            return;
        foreach (var selector in (string[])["#appendonsend", "#divRplyFwdMsg"])
        {
            if (document.QuerySelector(selector) is { } marker)
                RemoveFromHereOn(marker);
        }
    }

    /// <summary>Removes the element and everything after it in document order.</summary>
    private static void RemoveFromHereOn(IElement marker)
    {
        for (INode node = marker; node is not IHtmlBodyElement && node.Parent is { } parent; node = parent)
        {
            while (node.NextSibling is { } next)
                parent.RemoveChild(next);
        }
        marker.Remove();
    }

    private static void RemoveQuotes(IDocument document)
    {
        var forwards = new List<IElement>();
        foreach (var quote in document.QuerySelectorAll(QuoteElements).ToList())
        {
            if (forwards.Any(forward => forward.Contains(quote)))
                continue;
            if (IsForward(quote))
                forwards.Add(quote);
            else
                quote.Remove();
        }
    }

    /// <summary>Gmail puts a forward in <c>.gmail_quote</c>; Apple Mail in a blockquote after "Begin forwarded message:".</summary>
    private static bool IsForward(IElement quote) =>
        ForwardHeading().IsMatch(quote.TextContent) || ForwardHeading().IsMatch(TextBefore(quote));

    private static string TextBefore(IElement element)
    {
        for (var sibling = element.PreviousSibling; sibling is not null; sibling = sibling.PreviousSibling)
        {
            var text = sibling.TextContent.Trim();
            if (text.Length > 0)
                return text;
        }
        return "";
    }

    /// <summary>Walks the tree with a stack rather than recursion, so deeply nested mail cannot overflow the stack.</summary>
    private static string ToText(INode root)
    {
        var text = new StringBuilder();
        var preformatted = 0;
        var pending = new Stack<(INode Node, bool Closing)>();
        pending.Push((root, false));
        while (pending.TryPop(out var item))
        {
            var (node, closing) = item;
            if (node is IText textNode)
            {
                AppendText(text, textNode.Data, preformatted > 0);
                continue;
            }
            if (node is not IElement and not IDocument)
                continue;

            var name = node is IElement element ? element.LocalName : "";
            if (name == "br")
            {
                text.Append('\n');
                continue;
            }
            if (BlockElements.Contains(name))
                StartLine(text);
            if (name == "pre")
                preformatted += closing ? -1 : 1;
            if (closing)
                continue;
            if (name is "td" or "th" && text.Length > 0 && text[^1] is not ('\n' or ' '))
                text.Append(' ');

            pending.Push((node, true));
            for (var i = node.ChildNodes.Length - 1; i >= 0; i--)
                pending.Push((node.ChildNodes[i], false));
        }
        return text.ToString();
    }

    /// <summary>Collapses white space as a browser would, except in <c>pre</c>; a non-breaking space becomes a space.</summary>
    private static void AppendText(StringBuilder text, string data, bool preformatted)
    {
        if (preformatted)
        {
            text.Append(data.ReplaceLineEndings("\n").Replace('\u00A0', ' '));
            return;
        }
        var words = HtmlWhiteSpace().Replace(data, " ");
        if (text.Length == 0 || text[^1] is '\n' or ' ')
            words = words.TrimStart(' ');
        text.Append(words.Replace('\u00A0', ' '));
    }

    private static void StartLine(StringBuilder text)
    {
        if (text.Length > 0 && text[^1] != '\n')
            text.Append('\n');
    }

    private static List<string> NewText(string[] lines)
    {
        var start = 0;
        while (true)
        {
            var (index, length, kind) = FindCut(lines, start);
            var above = lines[start..index];
            if (kind == CutKind.Attribution && above.All(string.IsNullOrWhiteSpace) && lines.Skip(index + length).Any(IsAnswer))
            {
                // Nothing above the attribution but answers below it: an inline reply, answered between the quotes.
                start = index + length;
                continue;
            }
            if (kind != CutKind.Forward)
                return WithoutSignature(WithoutQuotes(above));

            var note = WithoutSignature(WithoutQuotes(above));
            if (note.Count > 0 && lines[index - 1].Length == 0)
                note.Add(""); // the blank line that separated the note from the forward
            return [.. note, .. lines[index..]];
        }
    }

    private static bool IsAnswer(string line) => !string.IsNullOrWhiteSpace(line) && !IsQuoted(line);

    private static bool IsQuoted(string line) => line.TrimStart().StartsWith('>');

    /// <summary>
    /// The first line from <paramref name="start"/> where quoted history or a forward starts, and for an
    /// attribution how many lines it takes.
    /// </summary>
    private static (int Index, int Length, CutKind Kind) FindCut(string[] lines, int start)
    {
        for (var i = start; i < lines.Length; i++)
        {
            if (ForwardHeading().IsMatch(lines[i]))
                return (i, 0, CutKind.Forward);
            if (Attribution().IsMatch(lines[i]))
                return (i, 1, CutKind.Attribution);
            if (i + 1 < lines.Length && lines[i + 1].Length > 0 && Attribution().IsMatch($"{lines[i]} {lines[i + 1]}"))
                return (i, 2, CutKind.Attribution);
            if (StartsHeaderBlock(lines, i))
                return (i, 0, IsForwardHeader(lines, i) ? CutKind.Forward : CutKind.History);
        }
        return (lines.Length, 0, CutKind.None);
    }

    private static bool StartsHeaderBlock(string[] lines, int i)
    {
        if (OriginalMessage().IsMatch(lines[i]))
            return true;
        if (OutlookSeparator().IsMatch(lines[i]))
            return lines.Skip(i + 1).FirstOrDefault(line => line.Length > 0) is { } next && FromHeader().IsMatch(next);
        if (!FromHeader().IsMatch(lines[i]))
            return false;
        var following = lines.Skip(i + 1).Take(4).ToList();
        return following.Any(SentHeader().IsMatch) && following.Any(ToHeader().IsMatch);
    }

    private static bool IsForwardHeader(string[] lines, int i) =>
        lines.Skip(i).Take(7).Any(ForwardedSubject().IsMatch);

    /// <summary>
    /// Drops lines quoted with <c>&gt;</c>. Where a quoted run separated two answers, one blank line is left
    /// between them; the customer's own blank lines are kept as they are.
    /// </summary>
    private static List<string> WithoutQuotes(IEnumerable<string> lines)
    {
        var kept = new List<string>();
        var gap = false;
        foreach (var line in lines)
        {
            if (IsQuoted(line))
            {
                while (kept.Count > 0 && kept[^1].Length == 0)
                    kept.RemoveAt(kept.Count - 1);
                gap = true;
            }
            else if (line.Length == 0 && gap)
            {
                continue;
            }
            else
            {
                if (gap && kept.Count > 0 && line.Length > 0)
                    kept.Add("");
                gap = false;
                kept.Add(line);
            }
        }
        return kept;
    }

    /// <summary>Everything from a <c>-- </c> line, then any mobile footers and blank lines at the end.</summary>
    private static List<string> WithoutSignature(List<string> lines)
    {
        var delimiter = lines.FindIndex(line => line == "--");
        var kept = delimiter >= 0 ? lines[..delimiter] : lines;
        while (kept.Count > 0 && (kept[^1].Length == 0 || MobileFooter().IsMatch(kept[^1].Trim())))
            kept.RemoveAt(kept.Count - 1);
        return kept;
    }

    /// <summary>Trailing white space off every line, blank lines off both ends, joined with <c>\n</c>.</summary>
    private static string Tidy(IEnumerable<string> lines)
    {
        var trimmed = lines.Select(line => line.TrimEnd()).ToList();
        var first = trimmed.FindIndex(line => line.Length > 0);
        if (first < 0)
            return "";
        var last = trimmed.FindLastIndex(line => line.Length > 0);
        return string.Join('\n', trimmed[first..(last + 1)]);
    }

    private enum CutKind
    {
        None,
        Attribution,
        History,
        Forward,
    }

    // "On 7 Dec 2026, Ann <ann@example.com> wrote:" and its French, German and Spanish forms. A digit (the date)
    // is required so that a customer's own sentence ending in "wrote:" is not taken for one.
    [GeneratedRegex(@"^\s*(?=.*\d)(On\s.+\swrote|Le\s.+\sa\sécrit|Am\s.+\sschrieb\s.+|El\s.+\sescribió)\s?:$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Attribution();

    [GeneratedRegex(@"^\s*-{3,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original)\s*-{3,}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OriginalMessage();

    [GeneratedRegex(@"^\s*_{10,}$")]
    private static partial Regex OutlookSeparator();

    [GeneratedRegex(@"^\s*\*?(From|Von|De)\s?:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FromHeader();

    [GeneratedRegex(@"^\s*\*?(Sent|Date|Gesendet|Datum|Envoyé|Fecha|Enviado(\sel)?)\s?:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SentHeader();

    [GeneratedRegex(@"^\s*\*?(To|Subject|An|Betreff|À|Objet|Para|Asunto)\s?:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ToHeader();

    [GeneratedRegex(@"(Subject|Betreff|Objet|Asunto)\s?:\*?\s*(FW|Fwd|WG|TR|RV)\s?:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ForwardedSubject();

    [GeneratedRegex(@"^\s*(-{2,}\s*(Forwarded message|Weitergeleitete Nachricht|Message transféré|Mensaje reenviado)\s*-{2,}|Begin forwarded message:)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ForwardHeading();

    [GeneratedRegex("""
        ^(
            Sent\ from\ my\ (iPhone|iPad|Android(\ phone|\ device|\ tablet)?|Samsung\ Galaxy\ smartphone|BlackBerry)
          | Sent\ from\ (Outlook|Yahoo\ Mail)\ for\ (iOS|Android|iPhone)
          | Get\ Outlook\ for\ (iOS|Android)
          | Sent\ from\ Mail\ for\ Windows(\ 10|\ 11)?
          | Von\ meinem\ (iPhone|iPad)\ gesendet
          | Envoyé\ de\ mon\ (iPhone|iPad)
          | Enviado\ desde\ mi\ (iPhone|iPad)
        )\.?\s*(<[^>]*>)?$
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MobileFooter();

    [GeneratedRegex(@"[ \t\r\n\f]+")]
    private static partial Regex HtmlWhiteSpace();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLineRuns();
}
