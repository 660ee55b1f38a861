namespace CustomerPlatform.Loyalty.Captures;

/// <summary>
/// An address the storefront's pop-up captured, with the consent it gave (when, from which page, to which text) and the one
/// first-purchase code it was sent. One row per address, ever: the second capture of an address sends nothing.
/// </summary>
public sealed class Capture
{
    public required string Email { get; set; }
    public required string Code { get; set; }
    public string? Source { get; set; }
    public required string ConsentText { get; set; }
    public DateTimeOffset ConsentedAt { get; set; }
}
