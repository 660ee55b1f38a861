using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Customers;

/// <summary>How often one item was bought in the same order as another (kept both ways), grown as orders arrive.</summary>
public sealed class CoPurchase
{
    public required string Sku { get; init; }
    public required string OtherSku { get; init; }
    public int Orders { get; set; }
}

/// <summary>An item as the orders name it, and in how many orders it was.</summary>
public sealed class ItemStats
{
    public required string Sku { get; init; }
    public required string Name { get; set; }
    public required string Category { get; set; }
    public int Orders { get; set; }
}

/// <summary>
/// Item-to-item recommendations from every customer's orders: each new order adds one to its items' counts and
/// to each pair's (in one statement each, the rows taken in key order so two orders never deadlock), and a
/// customer is offered the items with the highest lift over what they bought — how much more often two items
/// are bought together than chance would have it — never what they already have (consumable categories
/// excepted), and, without history, the most bought items.
/// </summary>
public static class Recommendations
{
    public const int Listed = 10;

    /// <summary>Counts a new order's items and pairs, in the order's transaction.</summary>
    public static Task CountAsync(CustomersDbContext db, Order order, CancellationToken cancellationToken) =>
        CountAsync(db, order.Lines, 1, cancellationToken);

    /// <summary>The store corrected an order's lines: its old items and pairs are counted out, the new ones in.</summary>
    public static async Task RecountAsync(CustomersDbContext db, IReadOnlyList<OrderLine> before, IReadOnlyList<OrderLine> after, CancellationToken cancellationToken)
    {
        if (Skus(before).SequenceEqual(Skus(after)))
            return;
        await CountAsync(db, before, -1, cancellationToken);
        await CountAsync(db, after, 1, cancellationToken);
    }

    private static IEnumerable<string> Skus(IEnumerable<OrderLine> lines) => lines.Select(l => l.Sku).Distinct().Order(StringComparer.Ordinal);

    /// <param name="change">1 to count the lines in, -1 to count them out (a count that reaches 0 is removed).</param>
    private static async Task CountAsync(CustomersDbContext db, IReadOnlyList<OrderLine> lines, int change, CancellationToken cancellationToken)
    {
        var items = lines.GroupBy(l => l.Sku).Select(g => g.First()).OrderBy(l => l.Sku, StringComparer.Ordinal).ToList();
        var skus = items.Select(l => l.Sku).ToArray();
        var names = items.Select(l => l.Name).ToArray();
        var categories = items.Select(l => l.Category).ToArray();
        // The items, then their pairs: two statements in one command (one round trip), run in turn.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO item_stats (sku, name, category, orders)
            SELECT sku, name, category, {change} FROM unnest({skus}, {names}, {categories}) AS i(sku, name, category) ORDER BY sku
            ON CONFLICT (sku) DO UPDATE SET orders = item_stats.orders + {change},
                name = CASE WHEN {change} > 0 THEN excluded.name ELSE item_stats.name END,
                category = CASE WHEN {change} > 0 THEN excluded.category ELSE item_stats.category END;
            INSERT INTO co_purchases (sku, other_sku, orders)
            SELECT a, b, {change} FROM unnest({skus}) AS x(a) CROSS JOIN unnest({skus}) AS y(b) WHERE a <> b ORDER BY a, b
            ON CONFLICT (sku, other_sku) DO UPDATE SET orders = co_purchases.orders + {change}
            """, cancellationToken);
        if (change < 0)
        {
            await db.Database.ExecuteSqlAsync($"DELETE FROM co_purchases WHERE sku = ANY({skus}) AND orders <= 0", cancellationToken);
            await db.Database.ExecuteSqlAsync($"DELETE FROM item_stats WHERE sku = ANY({skus}) AND orders <= 0", cancellationToken);
        }
    }

    private sealed record Candidate(string Sku, string Name, string Category, double Score, string? Because);

    public static async Task<List<RecommendationView>> ForAsync(CustomersDbContext db, Guid customerId, IReadOnlyCollection<string> consumableCategories,
        CancellationToken cancellationToken)
    {
        var bought = await db.Orders.Where(o => o.CustomerId == customerId).Select(o => o.Lines).ToListAsync(cancellationToken);
        var mine = bought.SelectMany(lines => lines).Select(l => l.Sku).Distinct().ToArray();
        var consumables = consumableCategories.ToArray();

        // Lift of each candidate c over the customer's items s, orders(s, c) * N / (orders(s) * orders(c)), summed
        // over s. N, the number of all orders, is the same for every candidate: it does not change the order, and
        // leaving it out spares counting every order on each call.
        var related = mine.Length == 0 ? [] : await db.Database.SqlQuery<Candidate>($"""
            SELECT c.sku AS "Sku", c.name AS "Name", c.category AS "Category",
                   sum(p.orders::float8 / (s.orders * c.orders)) AS "Score",
                   (array_agg(s.name ORDER BY p.orders DESC))[1] AS "Because"
            FROM co_purchases p
            JOIN item_stats s ON s.sku = p.sku
            JOIN item_stats c ON c.sku = p.other_sku
            WHERE p.sku = ANY({mine}) AND (c.sku <> ALL({mine}) OR c.category = ANY({consumables}))
            GROUP BY c.sku, c.name, c.category
            ORDER BY "Score" DESC, c.sku
            LIMIT {Listed}
            """).ToListAsync(cancellationToken);

        var list = related.Select(c => new RecommendationView(c.Sku, c.Name, c.Category, $"Often bought with {c.Because}")).ToList();
        if (list.Count < Listed)
        {
            var listed = list.Select(r => r.Sku).ToArray();
            var taken = listed.Concat(mine).ToArray();
            var popular = await db.ItemStats.Where(i => !taken.Contains(i.Sku) || (consumables.Contains(i.Category) && !listed.Contains(i.Sku)))
                .OrderByDescending(i => i.Orders).ThenBy(i => i.Sku).Take(Listed - list.Count).ToListAsync(cancellationToken);
            list.AddRange(popular.Select(i => new RecommendationView(i.Sku, i.Name, i.Category, "Popular with our customers")));
        }
        return list;
    }
}
