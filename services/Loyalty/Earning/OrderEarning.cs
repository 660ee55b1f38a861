namespace CustomerPlatform.Loyalty.Earning;

/// <summary>
/// What an order earned, line by line, and how much of it is reversed: a refund of some lines reverses those lines'
/// points, a cancellation or a whole refund what is left. Confirmed once the return window has passed.
/// </summary>
public sealed class OrderEarning
{
    public required string OrderId { get; set; }
    public Guid MemberId { get; set; }
    public DateTimeOffset PlacedAt { get; set; }
    public long Points { get; set; }
    /// <summary>Points reversed so far (before or after confirmation).</summary>
    public long ReversedPoints { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    /// <summary>The programme version whose rules computed its points: its confirmation and reversals record it too.</summary>
    public int? ProgrammeVersion { get; set; }
    public List<OrderEarningLine> Lines { get; set; } = [];
}

public sealed class OrderEarningLine
{
    public required string OrderId { get; set; }
    public int LineNumber { get; set; }
    public required string Sku { get; set; }
    public required string Category { get; set; }
    public int Quantity { get; set; }
    public long Points { get; set; }
    public int ReversedQuantity { get; set; }
    public long ReversedPoints { get; set; }

    /// <summary>Reverses up to <paramref name="quantity"/> more units: the points of the units reversed so far, rounded down, minus those already reversed (all of them once every unit is).</summary>
    public long Reverse(int quantity)
    {
        var units = Math.Min(quantity, Quantity - ReversedQuantity);
        if (units <= 0)
            return 0;
        ReversedQuantity += units;
        var total = Points * ReversedQuantity / Quantity;
        var reversed = total - ReversedPoints;
        ReversedPoints = total;
        return reversed;
    }
}
