using CustomerPlatform.Contracts.Notifications;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing;

/// <summary>
/// A customer as the support desk knows them from Identity's events: an email from <see cref="Email"/>
/// belongs to <see cref="CustomerId"/> once the address is verified (until then anyone could have typed it
/// at sign-up, and their mail would land in a stranger's tickets).
/// </summary>
public sealed class CustomerContact
{
    public Guid CustomerId { get; init; }
    public required string Email { get; set; }
    public string? DisplayName { get; set; }
    public DateTimeOffset? VerifiedAt { get; set; }
    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>
    /// The requester id of someone who wrote in without a verified account: derived from their address,
    /// so all their emails share one requester, whose tickets become the customer's once they verify it.
    /// </summary>
    public static Guid SenderId(string email) =>
        NotificationIds.NameBased(ResourceNames.Services.Ticketing, "email-sender/" + email.Trim().ToLowerInvariant());

    /// <summary>The requester id of a caller known only by their phone number (its digits, so "+44 20 7946 0000" and "+442079460000" are one caller).</summary>
    public static Guid CallerId(string phone) =>
        NotificationIds.NameBased(ResourceNames.Services.Ticketing, "phone-caller/" + new string([.. phone.Where(char.IsAsciiDigit)]));

    /// <summary>The requester id of an outside author (a reviewer, a social account) known only by their name at a source.</summary>
    public static Guid AuthorId(string source, string author) =>
        NotificationIds.NameBased(ResourceNames.Services.Ticketing, $"feedback-author/{source}/{author.Trim().ToLowerInvariant()}");
}

/// <summary>Who wrote in from outside the app: the requester's id, and their contact when the support desk knows them.</summary>
public sealed record Requester(Guid Id, CustomerContact? Contact);

public static class CustomerContacts
{
    /// <summary>
    /// The requester of a message, call or item from outside the app: the customer <paramref name="customerId"/> names,
    /// else the one who verified <paramref name="email"/>, else the requester derived from the address
    /// (<see cref="CustomerContact.SenderId"/>), else <paramref name="otherwise"/>'s (a caller's number, an outside author).
    /// </summary>
    /// <exception cref="ArgumentException">Neither <paramref name="customerId"/>, <paramref name="email"/> nor <paramref name="otherwise"/> is given.</exception>
    public static async Task<Requester> RequesterAsync(this DbSet<CustomerContact> contacts, string? email, Guid? customerId = null,
        Func<Guid>? otherwise = null, CancellationToken cancellationToken = default)
    {
        var contact = customerId is { } id
            ? await contacts.AsNoTracking().SingleOrDefaultAsync(c => c.CustomerId == id, cancellationToken)
            : email is not null
                ? await contacts.VerifiedOwnerAsync(email, cancellationToken)
                : null;
        var requester = customerId ?? contact?.CustomerId
            ?? (email is not null ? CustomerContact.SenderId(email) : otherwise?.Invoke() ?? throw new ArgumentException("A requester needs a customer, an address or another id.", nameof(otherwise)));
        return new Requester(requester, contact);
    }

    /// <summary>The customer who verified <paramref name="email"/> (lower-case), the latest if it changed hands; null for none.</summary>
    public static Task<CustomerContact?> VerifiedOwnerAsync(this DbSet<CustomerContact> contacts, string email, CancellationToken cancellationToken) =>
        contacts.AsNoTracking()
            .Where(c => c.Email == email && c.VerifiedAt != null)
            .OrderByDescending(c => c.ChangedAt)
            .FirstOrDefaultAsync(cancellationToken);
}
