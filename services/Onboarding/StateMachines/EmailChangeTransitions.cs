using CustomerPlatform.Contracts.Identity;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Onboarding;

/// <summary>
/// The customer confirmed a new address, at any step: the journey, the emails and tickets it sends from
/// now on, and the customer's approvals in the staff queue use it. A change that is not newer than the
/// one applied (two changes racing, a redelivery) changes nothing.
/// </summary>
public static class EmailChangeTransitions
{
    public static async Task ChangedAsync(JourneyContext journey, CustomerEmailChanged message)
    {
        if (string.IsNullOrWhiteSpace(message.NewEmail))
        {
            journey.Ignore(nameof(CustomerEmailChanged), "it has no new address");
            return;
        }

        var changedAt = message.ChangedAt.ToUniversalTime();
        if (journey.Journey.CustomerEmailChangedAt >= changedAt)
        {
            journey.Ignore(nameof(CustomerEmailChanged), $"the change of {journey.Journey.CustomerEmailChangedAt:O} is already applied");
            return;
        }

        journey.Journey.CustomerEmail = message.NewEmail;
        journey.Journey.CustomerEmailChangedAt = changedAt;

        // Every approval of the customer, decided ones too, in the saga's transaction: the queue never disagrees with the journey.
        await journey.Db.Approvals
            .Where(a => a.CustomerId == journey.CustomerId && a.CustomerEmail != message.NewEmail)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.CustomerEmail, message.NewEmail));
    }
}
