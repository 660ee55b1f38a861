using System.Security.Cryptography;
using System.Text.RegularExpressions;
using MimeKit;

namespace CustomerPlatform.Ticketing;

/// <summary>
/// What the support desk takes from a raw RFC 822 message (parsed with MimeKit): the sender, the subject,
/// the new text the customer wrote (quoted history and signature trimmed, HTML turned into text when there
/// is no plain part), the ids that place it in a conversation, and its attachments.
/// </summary>
public sealed partial record InboundEmail(
    string MessageId, string From, string? FromName, string Subject, string Text, string? InReplyTo, IReadOnlyList<string> References,
    long? TicketNumber, string? AutomaticReason, IReadOnlyList<InboundAttachment> Attachments)
{
    /// <summary>The message, or the field a problem names (<c>body</c>: not a message; <c>from</c>: no sender) with what is wrong.</summary>
    public static async Task<(InboundEmail? Email, string? Field, string? Error)> ParseAsync(
        byte[] raw, InboundEmailOptions options, CancellationToken cancellationToken)
    {
        MimeMessage message;
        try
        {
            using var stream = new MemoryStream(raw, writable: false);
            message = await MimeMessage.LoadAsync(stream, cancellationToken);
        }
        catch (FormatException exception)
        {
            return (null, "body", $"The body is not an RFC 822 message: {exception.Message}");
        }

        if ((message.From.Mailboxes.FirstOrDefault() ?? message.Sender) is not { } sender || !IsAddress(sender.Address))
            return (null, "from", "The message has no sender address in From.");

        var subject = Squeeze(message.Subject);
        var text = message.TextBody is { } plain ? plain : message.HtmlBody is { } html ? FromHtml(html) : "";
        text = EmailReplyText.Trim(text);
        if (text.Length > TicketRules.MaxBodyLength)
            text = text[..TicketRules.MaxBodyLength];

        var number = TicketReference().Match(subject) is { Success: true } match && long.TryParse(match.Groups[1].ValueSpan, out var n) ? n : (long?)null;
        return (new InboundEmail(
            MessageId: message.MessageId is { Length: > 0 and <= 250 } id ? id : ContentId(raw),
            From: sender.Address.Trim().ToLowerInvariant(),
            FromName: string.IsNullOrWhiteSpace(sender.Name) ? null : Squeeze(sender.Name),
            Subject: subject.Length == 0 ? "(no subject)" : subject.Length > TicketRules.MaxSubjectLength ? subject[..TicketRules.MaxSubjectLength] : subject,
            Text: text,
            InReplyTo: message.InReplyTo,
            References: [.. message.References],
            TicketNumber: number,
            AutomaticReason: Automatic(message),
            Attachments: ReadAttachments(message, options, cancellationToken)), null, null);
    }

    /// <summary>The subject without the ticket's reference, for a new ticket's subject ("Re: Help [#12]" stays "Re: Help").</summary>
    public string SubjectWithoutReference => TicketReference().Replace(Subject, "").Trim() is { Length: > 0 } s ? s : Subject;

    /// <summary>
    /// Why the message must not open or join a ticket: it was written by a machine (RFC 3834's
    /// Auto-Submitted, bulk and list mail, out-of-office replies), and answering it could start a loop of
    /// automatic emails. Null for a person's message.
    /// </summary>
    private static string? Automatic(MimeMessage message)
    {
        if (message.Headers[HeaderId.AutoSubmitted] is { } auto && !auto.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase))
            return $"Auto-Submitted: {auto.Trim()}";
        if (message.Headers[HeaderId.Precedence]?.Trim().ToLowerInvariant() is "bulk" or "junk" or "list" or "auto_reply")
            return $"Precedence: {message.Headers[HeaderId.Precedence]!.Trim()}";
        if (message.Headers.Contains("X-Autoreply") || message.Headers.Contains("X-Autorespond"))
            return "an auto-reply header";
        return null;
    }

    private static List<InboundAttachment> ReadAttachments(MimeMessage message, InboundEmailOptions options, CancellationToken cancellationToken)
    {
        var attachments = new List<InboundAttachment>();
        foreach (var entity in message.Attachments.Take(Math.Max(0, options.MaxAttachments)))
        {
            using var content = new MemoryStream();
            string name, type;
            switch (entity)
            {
                case MessagePart attached:
                    attached.Message?.WriteTo(content, cancellationToken);
                    name = attached.ContentDisposition?.FileName ?? "message.eml";
                    type = "message/rfc822";
                    break;
                case MimePart part:
                    part.Content?.DecodeTo(content, cancellationToken);
                    name = part.FileName ?? "attachment";
                    type = part.ContentType.MimeType;
                    break;
                default:
                    continue;
            }

            var size = content.Length;
            attachments.Add(new InboundAttachment(FileName(name), type.ToLowerInvariant(), size, size <= options.MaxAttachmentBytes ? content.ToArray() : null));
        }
        return attachments;
    }

    /// <summary>
    /// The text of an HTML-only message. The HTML parser slows down sharply on pathologically nested markup, so
    /// beyond <see cref="MaxParsedHtmlLength"/> characters (far more than a person's email) tags are stripped instead.
    /// </summary>
    private static string FromHtml(string html) =>
        html.Length <= MaxParsedHtmlLength ? EmailReplyText.FromHtml(html) : System.Net.WebUtility.HtmlDecode(Tags().Replace(html, " "));

    private const int MaxParsedHtmlLength = 256 * 1024;

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    /// <summary>A file name safe to offer for download: the last path segment, without control characters, at most 200 characters.</summary>
    private static string FileName(string name)
    {
        var last = name.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        var clean = new string([.. last.Where(c => !char.IsControl(c) && c != '"')]).Trim();
        return clean.Length == 0 ? "attachment" : clean.Length > 200 ? clean[..200] : clean;
    }

    /// <summary>A message without a Message-ID is known by its content: the same bytes delivered twice are the same email.</summary>
    private static string ContentId(byte[] raw) => $"sha256-{Convert.ToHexStringLower(SHA256.HashData(raw))}@inbound.invalid";

    private static bool IsAddress(string? address) => address is { Length: > 2 and <= 320 } && address.IndexOf('@') is > 0 and var at && at < address.Length - 1;

    private static string Squeeze(string? value) => Whitespace().Replace(value ?? "", " ").Trim();

    /// <summary>The reference the reply emails put in their subject: "[#1042]".</summary>
    [GeneratedRegex(@"\[#(\d{1,18})\]")]
    private static partial Regex TicketReference();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

/// <summary>One attachment; <see cref="Content"/> is null when it was larger than the limit.</summary>
public sealed record InboundAttachment(string FileName, string ContentType, long Size, byte[]? Content);
