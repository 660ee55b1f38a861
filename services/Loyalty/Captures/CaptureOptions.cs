using System.ComponentModel.DataAnnotations;

namespace CustomerPlatform.Loyalty.Captures;

/// <summary>
/// <c>Loyalty:Capture</c>: the storefront's first-purchase pop-up. The code's percentage and life, the store origins whose
/// pages may call the capture route and load the widget (CORS), how many captures one client address may send per window,
/// and the pop-up's default texts (a page may override each with the script tag's <c>data-*</c> attributes).
/// </summary>
public sealed class CaptureOptions
{
    public const string Section = "Loyalty:Capture";

    [Range(1, 100)]
    public int Percent { get; set; } = 10;

    public TimeSpan ValidFor { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Origins (<c>https://shop.example.com</c>) of the business's storefront.</summary>
    public string[] StoreOrigins { get; set; } = [];

    [Range(1, 100_000)]
    public int PermitPerAddress { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);

    public WidgetTexts Texts { get; set; } = new();

    public sealed class WidgetTexts
    {
        /// <summary>The heading; <c>{percent}</c> is replaced by the percentage.</summary>
        [MaxLength(200)]
        public string Title { get; set; } = "{percent} % off your first order";

        [MaxLength(500)]
        public string Text { get; set; } = "Leave your email address and we will send you a personal code.";

        [MaxLength(300)]
        public string Consent { get; set; } = "I agree to receive this code and news from the shop by email.";

        [MaxLength(60)]
        public string Button { get; set; } = "Send me my code";

        [MaxLength(300)]
        public string Thanks { get; set; } = "Thank you! Your code is on its way to your inbox.";

        [MaxLength(60)]
        public string Close { get; set; } = "Close";
    }
}
