namespace CustomerPlatform.Notifications;

/// <summary>The <c>Notifications</c> configuration section.</summary>
public sealed class NotificationsOptions
{
    public const string Section = "Notifications";

    /// <summary>Waits between failed SMTP attempts: attempt n+1 comes RetryIntervals[n-1] after attempt n; after the last the email fails.</summary>
    public static readonly TimeSpan[] DefaultRetryIntervals =
        [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1)];

    /// <summary>The name in the layout and subjects.</summary>
    public string ProductName { get; set; } = "CustomerPlatform";

    /// <summary>The app's public origin (the gateway), for the layout's links.</summary>
    public Uri AppUrl { get; set; } = new("http://localhost:8080");

    /// <summary>The app's page where a customer chooses which emails they get.</summary>
    public string PreferencesPath { get; set; } = "/settings/notifications";

    /// <summary>Null or empty means <see cref="DefaultRetryIntervals"/> (configuration binding would merge into a non-empty default).</summary>
    public TimeSpan[]? RetryIntervals { get; set; }

    public IReadOnlyList<TimeSpan> EffectiveRetryIntervals => RetryIntervals is { Length: > 0 } intervals ? intervals : DefaultRetryIntervals;

    /// <summary>Emails sent at once by one replica (each holds an SMTP connection and a database row lock while it sends).</summary>
    public int MaxConcurrentDeliveries { get; set; } = 8;
}
