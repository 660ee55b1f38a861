using System.Globalization;
using CustomerPlatform.Contracts.Customers.Views;

namespace CustomerPlatform.Customers.Benchmarks;

/// <summary>Whether the search found anything, and the customer looked for on its first page, by kind of query.</summary>
internal sealed class HitRates
{
    private readonly int[] _queries = new int[4];
    private readonly int[] _answered = new int[4];
    private readonly int[] _found = new int[4];

    public void Record(SearchQuery query, CustomerSearchPage page)
    {
        var kind = (int)query.Kind;
        Interlocked.Increment(ref _queries[kind]);
        if (page.Items.Count > 0)
            Interlocked.Increment(ref _answered[kind]);
        if (page.Items.Any(c => c.CustomerId == query.Expected))
            Interlocked.Increment(ref _found[kind]);
    }

    public void Print()
    {
        var parts = Enum.GetValues<QueryKind>().Where(k => _queries[(int)k] > 0).Select(k =>
        {
            var n = _queries[(int)k];
            return string.Create(CultureInfo.InvariantCulture,
                $"{Describe(k)} ({n}): {100.0 * _answered[(int)k] / n:F1} % found something, {100.0 * _found[(int)k] / n:F1} % the customer on the first page");
        });
        Console.WriteLine("  hits by kind of query:");
        foreach (var part in parts)
            Console.WriteLine("    " + part);
    }

    private static string Describe(QueryKind kind) => kind switch
    {
        QueryKind.Typo => "misspelt name or address",
        QueryKind.TypoLastName => "misspelt last name alone",
        QueryKind.Partial => "piece of an address or a last name",
        _ => "order number or its prefix",
    };
}
