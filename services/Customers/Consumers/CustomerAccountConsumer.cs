using CustomerPlatform.Contracts.Identity;
using CustomerPlatform.Contracts.Onboarding;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Customers.Consumers;

/// <summary>
/// Keeps each customer's profile from Identity's events, in whatever order they arrive (each field takes the
/// newest value by the event's time), and links the guest orders of the customer's address to them. The
/// inbox makes each message count once; a redelivered one finds the profile as it left it.
/// </summary>
public sealed class CustomerAccountConsumer(CustomersDbContext db, TimeProvider time) :
    IConsumer<CustomerSignedUp>, IConsumer<EmailVerified>, IConsumer<CustomerEmailChanged>,
    IConsumer<CustomerDetailsSubmitted>, IConsumer<SuccessManagerAssigned>
{
    /// <summary>Who made a change the customer's own onboarding details made, in the audit.</summary>
    public const string DetailsAuthor = "The customer (onboarding details)";

    /// <summary>
    /// The onboarding details fill the company, job title, time zone and a phone, except a field staff changed
    /// after the customer submitted them (staff's value is newer). A copy of the event changes nothing more.
    /// </summary>
    public async Task Consume(ConsumeContext<CustomerDetailsSubmitted> context)
    {
        var details = context.Message;
        var at = details.SubmittedAt.ToUniversalTime();
        List<string> newer = [];
        await ApplyAsync(details.CustomerId, null, at, profile =>
        {
            var phones = profile.Phones.Any(p => CustomerProfile.Digits(p.Number) == CustomerProfile.Digits(details.Phone))
                ? profile.Phones
                : [.. profile.Phones, new ContactPhone("onboarding", details.Phone.Trim())];
            var update = new ProfileRules.Update(
                newer.Contains(ProfileApi.Fields.Company) ? null : details.Company.Trim(),
                newer.Contains(ProfileApi.Fields.JobTitle) ? null : details.JobTitle.Trim(),
                newer.Contains(ProfileApi.Fields.Phones) ? null : phones, null, null);
            db.ProfileChanges.AddRange(ProfileApi.Apply(profile, update, null, DetailsAuthor, at));
            if (profile.DetailsAt is null || at > profile.DetailsAt)
            {
                profile.TimeZone = details.Timezone;
                profile.DetailsAt = at;
            }
        }, (TimelineKinds.DetailsSubmitted, $"Onboarding details: {details.JobTitle} at {details.Company}, a team of {details.TeamSize}",
            $"onboarding:details:{details.CustomerId}:{at.UtcTicks}", ResourceNames.Services.Onboarding), context.CancellationToken,
            // Read under the customer's lock, which staff's saves take too: a save is either seen here or waits.
            underLock: async () => newer = await db.ProfileChanges.Where(c => c.CustomerId == details.CustomerId && c.At >= at)
                .Select(c => c.Field).Distinct().ToListAsync(context.CancellationToken));
    }

    /// <summary>The profile names the CSM of the newest assignment (a handover arriving before the first one does not lose to it).</summary>
    public Task Consume(ConsumeContext<SuccessManagerAssigned> context) =>
        ApplyAsync(context.Message.CustomerId, null, context.Message.AssignedAt, profile =>
        {
            if (profile.SuccessManagerAt is { } current && current > context.Message.AssignedAt)
                return;
            profile.SuccessManagerId = context.Message.SuccessManagerId;
            profile.SuccessManagerName = context.Message.SuccessManagerName;
            profile.SuccessManagerAt = context.Message.AssignedAt.ToUniversalTime();
        }, null, context.CancellationToken);

    public Task Consume(ConsumeContext<CustomerSignedUp> context) =>
        ApplyAsync(context.Message.CustomerId, context.Message.Email, context.Message.SignedUpAt, profile =>
        {
            profile.DisplayName = context.Message.DisplayName;
            profile.SignedUpAt = context.Message.SignedUpAt.ToUniversalTime();
        }, (TimelineKinds.SignedUp, $"Signed up as {context.Message.DisplayName} <{context.Message.Email}>", $"identity:signed-up:{context.Message.CustomerId}", ResourceNames.Services.Identity),
        context.CancellationToken);

    public Task Consume(ConsumeContext<EmailVerified> context) =>
        ApplyAsync(context.Message.CustomerId, context.Message.Email, context.Message.VerifiedAt, profile =>
            profile.EmailVerifiedAt ??= context.Message.VerifiedAt.ToUniversalTime(),
            (TimelineKinds.EmailVerified, $"Verified {context.Message.Email}", $"identity:verified:{context.Message.CustomerId}:{context.Message.VerifiedAt.UtcTicks}", ResourceNames.Services.Identity),
            context.CancellationToken);

    public Task Consume(ConsumeContext<CustomerEmailChanged> context) =>
        ApplyAsync(context.Message.CustomerId, context.Message.NewEmail, context.Message.ChangedAt, _ => { },
            (TimelineKinds.EmailChanged, $"Email changed from {context.Message.OldEmail} to {context.Message.NewEmail}",
                $"identity:email-changed:{context.Message.CustomerId}:{context.Message.ChangedAt.UtcTicks}", ResourceNames.Services.Identity),
            context.CancellationToken);

    /// <param name="email">The address the event gives the customer; none for an event that does not know it.</param>
    /// <param name="entry">The event's timeline entry and the service it came from, if it has one.</param>
    /// <param name="underLock">Reads that <paramref name="apply"/> needs, run once the customer's lock is held.</param>
    private async Task ApplyAsync(Guid customerId, string? email, DateTimeOffset at, Action<CustomerProfile> apply,
        (string Kind, string Text, string SourceKey, string Source)? entry, CancellationToken cancellationToken, Func<Task>? underLock = null)
    {
        at = at.ToUniversalTime();
        await db.LockAsync("customer", customerId.ToString(), cancellationToken);
        if (underLock is not null)
            await underLock();
        var profile = await db.Profiles.AsTracking().FirstOrDefaultAsync(p => p.CustomerId == customerId, cancellationToken);
        if (profile is null)
        {
            // An event ahead of the sign-up: the profile waits for its address (an empty one is older than any).
            profile = new CustomerProfile { CustomerId = customerId, Email = "", EmailAt = DateTimeOffset.MinValue };
            db.Profiles.Add(profile);
        }
        if (email is not null && at >= profile.EmailAt)
        {
            profile.Email = CustomerProfile.Normalize(email);
            profile.EmailAt = at;
        }

        apply(profile);
        profile.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        if (entry is { } recorded)
            await db.RecordAsync(new TimelineEntry
            {
                Id = NewId.NextGuid(), CustomerId = customerId, At = at, Kind = recorded.Kind, Source = recorded.Source,
                Text = TimelineConsumer.Shorten(recorded.Text, 2000), SourceKey = recorded.SourceKey, RecordedAt = time.GetUtcNow(),
            }, cancellationToken);
        if (profile.Email.Length == 0)
            return;

        // The address's guest orders become the customer's: under the address's lock, so an order arriving
        // now either sees this profile or is seen here.
        await db.LockAsync("email", profile.Email, cancellationToken);
        await db.Orders.Where(o => o.Email == profile.Email && o.CustomerId == null)
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.CustomerId, customerId), cancellationToken);
        await db.Timeline.Where(e => e.Email == profile.Email && e.CustomerId == null)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.CustomerId, customerId), cancellationToken);
    }
}
