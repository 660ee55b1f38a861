namespace CustomerPlatform.Ticketing;

/// <summary>The <c>Ticketing:InboundEmail</c> configuration section: the email channel.</summary>
public sealed class InboundEmailOptions
{
    public const string Section = "Ticketing:InboundEmail";

    /// <summary>
    /// The secret the email provider signs each delivery with (HMAC-SHA256 of the raw message). Unset: the
    /// channel is off and the route answers 404.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>The support desk's address; agents' replies name it as Reply-To so the customer's answer comes back through the provider.</summary>
    public string? Address { get; set; }

    /// <summary>The largest raw message accepted (413 beyond it). Providers cap theirs at 25 to 40 MB.</summary>
    public long MaxMessageBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>An attachment larger than this is listed on the message but its content is not kept.</summary>
    public long MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>At most this many attachments of one email are recorded.</summary>
    public int MaxAttachments { get; set; } = 20;
}
