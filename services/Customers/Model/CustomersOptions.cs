namespace CustomerPlatform.Customers;

/// <summary>The <c>Customers</c> configuration section.</summary>
public sealed class CustomersOptions
{
    public const string Section = "Customers";

    /// <summary>How long after the delivery support's follow-up email goes out (default 3 days).</summary>
    public TimeSpan FollowUpDelay { get; set; } = TimeSpan.FromDays(3);

    /// <summary>The app's origin for the emails' links; default the public issuer (the gateway's origin).</summary>
    public Uri? AppUrl { get; set; }

    /// <summary>Categories bought again and again (tea, ink): recommended even to a customer who has them.</summary>
    public List<string> ConsumableCategories { get; set; } = [];

    /// <summary>The app's page a customer reaches support from.</summary>
    public string SupportPath { get; set; } = "/support/tickets";
}
