namespace CustomerPlatform.Ticketing;

/// <summary>Who wrote a message, as the thread shows it.</summary>
public static class AuthorRoles
{
    public const string Customer = "customer";
    public const string Staff = "staff";
}
