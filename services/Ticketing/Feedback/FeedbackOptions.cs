namespace CustomerPlatform.Ticketing;

/// <summary>The <c>Ticketing:Feedback</c> configuration section: outside feedback's ingestion.</summary>
public sealed class FeedbackOptions
{
    public const string Section = "Ticketing:Feedback";

    /// <summary>The secret the feeding integration signs each request with (HMAC-SHA256 of the body). Unset: the route answers 404.</summary>
    public string? Secret { get; set; }
}
