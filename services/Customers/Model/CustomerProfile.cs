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

    /// <summary>From the onboarding details, then kept by staff.</summary>
    public string? Company { get; set; }
    public string? JobTitle { get; set; }
    public string? TimeZone { get; set; }
    public List<ContactPhone> Phones { get; set; } = [];
    public List<PostalAddress> Addresses { get; set; } = [];
    /// <summary>Staff's labels ("vip", "churn-risk"), lower case; never shown to the customer.</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>The digits of every phone number, space-separated, for the search (kept with <see cref="Phones"/>).</summary>
    public string PhoneDigits { get; private set; } = "";

    /// <summary>When the onboarding details last set the fields above: an older submission arriving late changes nothing.</summary>
    public DateTimeOffset? DetailsAt { get; set; }

    public Guid? SuccessManagerId { get; set; }
    public string? SuccessManagerName { get; set; }
    /// <summary>When the current CSM was assigned: a handover arriving before the first assignment is not undone by it.</summary>
    public DateTimeOffset? SuccessManagerAt { get; set; }

    public void SetPhones(List<ContactPhone> phones)
    {
        Phones = phones;
        PhoneDigits = string.Join(' ', phones.Select(p => Digits(p.Number)));
    }

    public static string Digits(string text) => new([.. text.Where(char.IsAsciiDigit)]);

    /// <summary>Name, address, company and phone digits in lower case, kept by PostgreSQL (a stored generated column) for the trigram search.</summary>
    public string SearchText { get; private set; } = "";

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
