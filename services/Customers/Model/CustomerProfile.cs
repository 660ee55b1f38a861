namespace CustomerPlatform.Customers;

/// <summary>
/// A customer as the platform's events describe them (Identity's sign-up, verification and address change).
/// Events may arrive in any order: each field keeps the newest value by the event's own time.
/// </summary>
public sealed class CustomerProfile
{
    public required Guid CustomerId { get; init; }
    /// <summary>Trimmed and lower-cased, as orders are matched by it.</summary>
    public required string Email { get; set; }
    /// <summary>When the event that set <see cref="Email"/> happened.</summary>
    public DateTimeOffset EmailAt { get; set; }
    public string DisplayName { get; set; } = "";
    public DateTimeOffset? SignedUpAt { get; set; }
    public DateTimeOffset? EmailVerifiedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Name and address in lower case, kept by PostgreSQL (a stored generated column) for the trigram search.</summary>
    public string SearchText { get; private set; } = "";

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
