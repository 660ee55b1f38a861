using System.Globalization;
using CustomerPlatform.Contracts.Customers;
using CustomerPlatform.Contracts.Ticketing;

namespace CustomerPlatform.Ticketing.Returns;

/// <summary>The life of a return: <c>requested</c> (an agent decides) → <c>approved</c> | <c>rejected</c>; <c>approved</c> → <c>received</c> → <c>refunded</c>.</summary>
public static class ReturnStatuses
{
    public const string Requested = "requested", Approved = "approved", Rejected = "rejected", Received = "received", Refunded = "refunded";

    public static readonly IReadOnlyList<string> All = [Requested, Approved, Rejected, Received, Refunded];

    /// <summary>The returns that count against what is left to return: all but the refused.</summary>
    public static readonly IReadOnlyList<string> Counted = [Requested, Approved, Received, Refunded];
}

/// <summary>
/// A return (RMA) of lines of one delivered order. Each change is one method that checks it is allowed from the
/// current status and stamps who and when; its events carry <see cref="Details"/>.
/// </summary>
public sealed class ProductReturn
{
    public required Guid Id { get; init; }

    /// <summary>From an identity column: the return's number, shown as <see cref="ReturnNumber"/>.</summary>
    public long Number { get; init; }

    public required string OrderId { get; init; }
    public required Guid CustomerId { get; init; }
    public required string CustomerEmail { get; init; }
    public string? CustomerName { get; init; }
    public required string Status { get; set; }
    public required string Reason { get; init; }
    public required IReadOnlyList<OrderLine> Lines { get; init; }
    public required decimal Value { get; init; }
    public required string Currency { get; init; }

    /// <summary>The policy left the decision to an agent (see <see cref="ReturnsOptions"/>).</summary>
    public required bool NeedsReview { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }
    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>The agent who approved or refused; null when the policy approved it.</summary>
    public Guid? DecidedBy { get; set; }

    public string? DecisionNote { get; set; }
    public DateTimeOffset? ReceivedAt { get; set; }
    public Guid? ReceivedBy { get; set; }
    public DateTimeOffset? RefundedAt { get; set; }
    public required DateTimeOffset UpdatedAt { get; set; }

    public string ReturnNumber => Format(Number);

    public static string Format(long number) => "RMA-" + number.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>Approves a requested return (<paramref name="by"/> null: the policy did); false when it is not waiting for a decision.</summary>
    public bool Approve(Guid? by, string? note, DateTimeOffset now) => Decide(ReturnStatuses.Approved, by, note, now);

    public bool Reject(Guid by, string reason, DateTimeOffset now) => Decide(ReturnStatuses.Rejected, by, reason, now);

    /// <summary>The parcel arrived: only an approved return can be received.</summary>
    public bool Receive(Guid by, DateTimeOffset now)
    {
        if (Status != ReturnStatuses.Approved)
            return false;
        (Status, ReceivedBy, ReceivedAt, UpdatedAt) = (ReturnStatuses.Received, by, now, now);
        return true;
    }

    /// <summary>The store refunded it: an approved (refunded before the parcel was checked in) or received return completes.</summary>
    public bool Refund(DateTimeOffset now)
    {
        if (Status is not (ReturnStatuses.Approved or ReturnStatuses.Received))
            return false;
        (Status, RefundedAt, UpdatedAt) = (ReturnStatuses.Refunded, now, now);
        return true;
    }

    private bool Decide(string status, Guid? by, string? note, DateTimeOffset now)
    {
        if (Status != ReturnStatuses.Requested)
            return false;
        (Status, DecidedBy, DecisionNote, DecidedAt, UpdatedAt) = (status, by, note, now, now);
        return true;
    }

    /// <summary>What every event of this return says about it.</summary>
    public ReturnDetails Details() => new()
    {
        ReturnId = Id,
        ReturnNumber = ReturnNumber,
        OrderId = OrderId,
        CustomerId = CustomerId,
        Lines = [.. Lines.Select(l => new OrderLineQuantity { Sku = l.Sku, Quantity = l.Quantity })],
        Value = Value,
        Currency = Currency,
    };
}
