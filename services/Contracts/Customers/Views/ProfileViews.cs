namespace CustomerPlatform.Contracts.Customers.Views;

/// <summary>A phone number of a customer, with what it is (work, mobile…).</summary>
public sealed record ContactPhone(string? Label, string Number);

/// <summary>A postal address of a customer; <see cref="Country"/> is an ISO 3166-1 alpha-2 code.</summary>
public sealed record PostalAddress(string? Label, string Line1, string? Line2, string City, string? Region, string? PostalCode, string Country);

/// <summary>
/// What staff know of a customer beyond their account: what the onboarding details said and staff keep up to
/// date (company, job title, phones, addresses, tags), and who their customer success manager is.
/// </summary>
public sealed record CustomerDetailsView(
    string? Company, string? JobTitle, string? TimeZone, IReadOnlyList<ContactPhone> Phones, IReadOnlyList<PostalAddress> Addresses,
    IReadOnlyList<string> Tags, Guid? SuccessManagerId, string? SuccessManagerName);

/// <summary>
/// <c>PATCH /api/customers/{customerId}/profile</c>: each field sent replaces the customer's; one left out (or null)
/// stays as it is. An empty company, or an empty list, clears it.
/// </summary>
public sealed record ProfileUpdateRequest(
    string? Company, string? JobTitle, IReadOnlyList<ContactPhoneRequest?>? Phones, IReadOnlyList<PostalAddressRequest?>? Addresses,
    IReadOnlyList<string?>? Tags);

public sealed record ContactPhoneRequest(string? Label, string? Number);

public sealed record PostalAddressRequest(string? Label, string? Line1, string? Line2, string? City, string? Region, string? PostalCode, string? Country);

/// <summary>One field of a profile changed: by whom (a staff member, or the customer's own onboarding details), from what to what.</summary>
public sealed record ProfileChangeView(Guid Id, DateTimeOffset At, string Field, string? OldValue, string? NewValue, Guid? ChangedBy, string ChangedByName);
