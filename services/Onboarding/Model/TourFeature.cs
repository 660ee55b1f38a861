namespace CustomerPlatform.Onboarding;

/// <summary>A feature of the product tour (step 14), from configuration <c>Onboarding:Tour</c>.</summary>
public sealed class TourFeature
{
    public string Feature { get; set; } = "";
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
}
