namespace CustomerPlatform.Onboarding;

/// <summary>Configuration section <c>Onboarding</c>.</summary>
public sealed class OnboardingOptions
{
    public const string Section = "Onboarding";

    /// <summary>The app's public origin (the gateway), for links in emails.</summary>
    public string AppOrigin { get; set; } = "http://localhost";

    public OnboardingTimeouts Timeouts { get; set; } = new();

    public List<TourFeature> Tour { get; set; } = [];

    public string Link(string path) => AppOrigin.TrimEnd('/') + path;
}
