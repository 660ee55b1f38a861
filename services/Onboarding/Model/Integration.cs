namespace CustomerPlatform.Onboarding;

/// <summary>One of the customer's tools, connected at step 13.</summary>
public sealed class Integration
{
    public Guid Id { get; set; }
    public Guid CustomerId { get; set; }
    public string Kind { get; set; } = "";
    public string Provider { get; set; } = "";
    public string Account { get; set; } = "";
    public DateTimeOffset ConnectedAt { get; set; }
}
