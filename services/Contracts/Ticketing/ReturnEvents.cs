using CustomerPlatform.Contracts.Customers;

namespace CustomerPlatform.Contracts.Ticketing;

/// <summary>Which return an event is about: of which order, whose, the lines and their value.</summary>
public record ReturnDetails
{
    public required Guid ReturnId { get; init; }

    /// <summary>The number the customer writes on the parcel, e.g. <c>RMA-000042</c>.</summary>
    public required string ReturnNumber { get; init; }

    public required string OrderId { get; init; }
    public required Guid CustomerId { get; init; }
    public required IReadOnlyList<OrderLineQuantity> Lines { get; init; }

    /// <summary>The returned lines at the prices paid, in <see cref="Currency"/>.</summary>
    public required decimal Value { get; init; }

    public required string Currency { get; init; }
}

/// <summary>
/// A change of a return (RMA). Loyalty reverses the points of the lines once the return is refunded; the CRM puts
/// each change on the customer's timeline.
/// </summary>
public abstract record ReturnEvent
{
    public required ReturnDetails Return { get; init; }

    /// <summary>When the change happened.</summary>
    public required DateTimeOffset At { get; init; }
}

/// <summary>A customer asked to return lines of a delivered order; <see cref="NeedsReview"/> when the policy leaves it to an agent.</summary>
public record ReturnRequested : ReturnEvent
{
    public required string Reason { get; init; }
    public required bool NeedsReview { get; init; }
}

/// <summary>The return was approved (inside the policy automatically, else by <see cref="ApprovedBy"/>); the customer has the instructions.</summary>
public record ReturnApproved : ReturnEvent
{
    public Guid? ApprovedBy { get; init; }
}

/// <summary>An agent refused the return, with the reason the customer is told.</summary>
public record ReturnRejected : ReturnEvent
{
    public required Guid RejectedBy { get; init; }
    public required string Reason { get; init; }
}

/// <summary>The parcel arrived and an agent checked it in.</summary>
public record ReturnReceived : ReturnEvent
{
    public required Guid ReceivedBy { get; init; }
}

/// <summary>The store refunded the returned lines (its <c>refunded</c> order event): the return is complete.</summary>
public record ReturnRefunded : ReturnEvent;
