namespace CustomerPlatform.Ticketing;

public static class TicketPriorities
{
    public const string Low = "low";
    public const string Normal = "normal";
    public const string High = "high";
    public const string Urgent = "urgent";

    private static readonly string[] Order = [Low, Normal, High, Urgent];

    /// <summary>Lowest first.</summary>
    public static IReadOnlyList<string> All => Order;

    /// <summary>One step up (a negative message raises its ticket by one), <see cref="Urgent"/> staying urgent.</summary>
    public static string Raised(string priority) => Order[Math.Min(Rank(priority) + 1, Order.Length - 1)];

    /// <summary>0 for low … 3 for urgent; an unknown value counts as normal.</summary>
    public static int Rank(string priority) => Array.IndexOf(Order, priority) is var i and >= 0 ? i : 1;
}
