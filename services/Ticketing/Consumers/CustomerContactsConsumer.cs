using CustomerPlatform.Contracts.Identity;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing.Consumers;

/// <summary>
/// Keeps <see cref="CustomerContact"/> (who writes from which address) from Identity's events, each one
/// statement that a repeated or late event cannot undo: an address counts from the moment it was verified,
/// and a change older than the row's is ignored. When an address is verified, the tickets its owner opened
/// by email before they had an account become theirs, so they see them in the app.
/// </summary>
public sealed class CustomerContactsConsumer(TicketingDbContext db, ILogger<CustomerContactsConsumer> logger) :
    IConsumer<CustomerSignedUp>, IConsumer<EmailVerified>
{
    private const string SignedUpSql = """
        INSERT INTO customer_contacts (customer_id, email, display_name, changed_at) VALUES ({0}, {1}, {2}, {3})
        ON CONFLICT (customer_id) DO UPDATE SET display_name = EXCLUDED.display_name
        """;

    private const string VerifiedSql = """
        INSERT INTO customer_contacts (customer_id, email, verified_at, changed_at) VALUES ({0}, {1}, {2}, {2})
        ON CONFLICT (customer_id) DO UPDATE SET email = EXCLUDED.email, verified_at = EXCLUDED.verified_at, changed_at = EXCLUDED.changed_at
        WHERE customer_contacts.changed_at <= EXCLUDED.changed_at
        """;

    private const string ClaimTicketsSql = "UPDATE tickets SET customer_id = {0} WHERE customer_id = {1}";
    private const string ClaimRatingsSql = "UPDATE satisfaction_ratings SET customer_id = {0} WHERE customer_id = {1}";

    public async Task Consume(ConsumeContext<CustomerSignedUp> context)
    {
        var signedUp = context.Message;
        if (Address(signedUp.Email) is not { } email)
            return;
        await db.Database.ExecuteSqlRawAsync(SignedUpSql, [signedUp.CustomerId, email, signedUp.DisplayName, signedUp.SignedUpAt], context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<EmailVerified> context)
    {
        var verified = context.Message;
        if (Address(verified.Email) is not { } email)
            return;
        var claimed = await VerifyAsync(db, verified.CustomerId, email, verified.VerifiedAt, context.CancellationToken);
        logger.LogInformation("Customer {CustomerId} verified their address; {Count} tickets they emailed before became theirs", verified.CustomerId, claimed);
    }

    /// <summary>
    /// Records a verified address (also a confirmed change of address) and gives its owner the tickets written
    /// from it; the number of tickets. Runs in the consumer's transaction: all of it, or none.
    /// </summary>
    internal static async Task<int> VerifyAsync(TicketingDbContext db, Guid customerId, string email, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlRawAsync(VerifiedSql, [customerId, email, at], cancellationToken);
        var sender = CustomerContact.SenderId(email);
        await db.Database.ExecuteSqlRawAsync(ClaimRatingsSql, [customerId, sender], cancellationToken);
        return await db.Database.ExecuteSqlRawAsync(ClaimTicketsSql, [customerId, sender], cancellationToken);
    }

    internal static string? Address(string? email) => string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();
}
