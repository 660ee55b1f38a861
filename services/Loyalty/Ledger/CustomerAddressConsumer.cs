using CustomerPlatform.Contracts.Identity;
using MassTransit;

namespace CustomerPlatform.Loyalty.Ledger;

/// <summary>
/// Identity's sign-ups and address changes give each customer one member, at their current address (ADR-033): the
/// member is created (or an address's guest member claimed) at sign-up, and moved to the new address on a change.
/// </summary>
public sealed class CustomerAddressConsumer(LoyaltyDbContext db, TimeProvider time) : IConsumer<CustomerSignedUp>, IConsumer<CustomerEmailChanged>
{
    public Task Consume(ConsumeContext<CustomerSignedUp> context) =>
        MemberLedger.MoveAddressAsync(db, context.Message.CustomerId, context.Message.Email, context.Message.SignedUpAt, time.GetUtcNow(), context.CancellationToken);

    public Task Consume(ConsumeContext<CustomerEmailChanged> context) =>
        MemberLedger.MoveAddressAsync(db, context.Message.CustomerId, context.Message.NewEmail, context.Message.ChangedAt, time.GetUtcNow(), context.CancellationToken);
}
