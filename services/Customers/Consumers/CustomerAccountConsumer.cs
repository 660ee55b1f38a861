using CustomerPlatform.Contracts.Identity;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Customers.Consumers;

/// <summary>
/// Keeps each customer's profile from Identity's events, in whatever order they arrive (each field takes the
/// newest value by the event's time), and links the guest orders of the customer's address to them. The
/// inbox makes each message count once; a redelivered one finds the profile as it left it.
/// </summary>
public sealed class CustomerAccountConsumer(CustomersDbContext db, TimeProvider time) :
    IConsumer<CustomerSignedUp>, IConsumer<EmailVerified>, IConsumer<CustomerEmailChanged>
{
    public Task Consume(ConsumeContext<CustomerSignedUp> context) =>
        ApplyAsync(context.Message.CustomerId, context.Message.Email, context.Message.SignedUpAt, profile =>
        {
            profile.DisplayName = context.Message.DisplayName;
            profile.SignedUpAt = context.Message.SignedUpAt.ToUniversalTime();
        }, (TimelineKinds.SignedUp, $"Signed up as {context.Message.DisplayName} <{context.Message.Email}>", $"identity:signed-up:{context.Message.CustomerId}"),
        context.CancellationToken);

    public Task Consume(ConsumeContext<EmailVerified> context) =>
        ApplyAsync(context.Message.CustomerId, context.Message.Email, context.Message.VerifiedAt, profile =>
            profile.EmailVerifiedAt ??= context.Message.VerifiedAt.ToUniversalTime(),
            (TimelineKinds.EmailVerified, $"Verified {context.Message.Email}", $"identity:verified:{context.Message.CustomerId}:{context.Message.VerifiedAt.UtcTicks}"),
            context.CancellationToken);

    public Task Consume(ConsumeContext<CustomerEmailChanged> context) =>
        ApplyAsync(context.Message.CustomerId, context.Message.NewEmail, context.Message.ChangedAt, _ => { },
            (TimelineKinds.EmailChanged, $"Email changed from {context.Message.OldEmail} to {context.Message.NewEmail}",
                $"identity:email-changed:{context.Message.CustomerId}:{context.Message.ChangedAt.UtcTicks}"),
            context.CancellationToken);

    private async Task ApplyAsync(Guid customerId, string email, DateTimeOffset at, Action<CustomerProfile> apply,
        (string Kind, string Text, string SourceKey) entry, CancellationToken cancellationToken)
    {
        var address = CustomerProfile.Normalize(email);
        at = at.ToUniversalTime();
        await db.LockAsync("customer", customerId.ToString(), cancellationToken);
        var profile = await db.Profiles.AsTracking().FirstOrDefaultAsync(p => p.CustomerId == customerId, cancellationToken);
        if (profile is null)
        {
            profile = new CustomerProfile { CustomerId = customerId, Email = address, EmailAt = at };
            db.Profiles.Add(profile);
        }
        else if (at >= profile.EmailAt)
        {
            profile.Email = address;
            profile.EmailAt = at;
        }

        apply(profile);
        profile.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);

        // The address's guest orders become the customer's: under the address's lock, so an order arriving
        // now either sees this profile or is seen here.
        await db.LockAsync("email", profile.Email, cancellationToken);
        await db.Orders.Where(o => o.Email == profile.Email && o.CustomerId == null)
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.CustomerId, customerId), cancellationToken);
        await db.Timeline.Where(e => e.Email == profile.Email && e.CustomerId == null)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.CustomerId, customerId), cancellationToken);

        await db.RecordAsync(new TimelineEntry
        {
            Id = NewId.NextGuid(), CustomerId = customerId, At = at, Kind = entry.Kind, Source = ResourceNames.Services.Identity,
            Text = TimelineConsumer.Shorten(entry.Text, 2000), SourceKey = entry.SourceKey, RecordedAt = time.GetUtcNow(),
        }, cancellationToken);
    }
}
