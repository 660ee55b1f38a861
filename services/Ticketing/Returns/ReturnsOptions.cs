using System.ComponentModel.DataAnnotations;

namespace CustomerPlatform.Ticketing.Returns;

/// <summary>
/// The return policy (<c>Ticketing:Returns</c>): how long after delivery lines may be returned, and which returns are
/// approved without an agent: worth at most <see cref="AutoApproveUpTo"/> and from a customer with fewer than
/// <see cref="ReviewAfterReturns"/> returns in the last <see cref="ReviewWindowDays"/> days. The others wait for an agent.
/// </summary>
public sealed class ReturnsOptions
{
    public const string Section = "Ticketing:Returns";

    /// <summary>Days after delivery a return may be asked for (the delivery day counts as day 0).</summary>
    [Range(1, 3650)]
    public int WindowDays { get; set; } = 30;

    /// <summary>The largest value, in the order's currency, approved automatically.</summary>
    [Range(typeof(decimal), "0", "1000000")]
    public decimal AutoApproveUpTo { get; set; } = 200m;

    /// <summary>A customer with this many returns (not refused) in <see cref="ReviewWindowDays"/> has the next reviewed.</summary>
    [Range(1, 1000)]
    public int ReviewAfterReturns { get; set; } = 3;

    [Range(1, 3650)]
    public int ReviewWindowDays { get; set; } = 90;

    /// <summary>How to send the parcel back: the approval email quotes it.</summary>
    [Required, StringLength(2000, MinimumLength = 1)]
    public string Instructions { get; set; } =
        "Pack the items in their original packaging with everything that came with them, and send the parcel within 14 days to:\n"
        + "Returns department, 1 Warehouse Way, Springfield.\nKeep the shipping receipt until you see the refund.";

    /// <summary>The app's page of one return; <c>{returnId}</c> is replaced.</summary>
    public string ReturnPath { get; set; } = "/support/returns/{returnId}";
}
